//! The progress view: the five steps of a paid deployment as the backend reports them, and how it ended.
use candid::Principal;
use icto_shared::backend::{DeployOutcome, DeployStep, DeploymentStatus, FailedStep, Refund};
use leptos::prelude::*;
use leptos_router::components::A;

use super::Kind;
use crate::ic::backend::{describe_failed_step, describe_refund};

/// How a deployment ended, as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Finish {
    Created(Principal),
    /// Failed after the charge: the fee is refunded (or the refund is pending).
    Failed { step: FailedStep, refund: Option<Refund> },
    /// Refused before anything was charged.
    Refused(String),
}

impl Finish {
    pub fn from_status(status: &DeploymentStatus) -> Option<Finish> {
        match &status.outcome {
            DeployOutcome::InProgress => None,
            DeployOutcome::Succeeded { canister_id } => Some(Finish::Created(*canister_id)),
            DeployOutcome::Failed { step, .. } => Some(Finish::Failed { step: *step, refund: status.refund.clone() }),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum StepState {
    Waiting,
    Running,
    Done,
    Failed,
}

fn steps(kind: &Kind) -> [String; 5] {
    [
        "Approve the fee".into(),
        "Charge the fee".into(),
        "Create the canister".into(),
        format!("Install the {}", kind.noun),
        "Register it as yours".into(),
    ]
}

fn step_states(approved: bool, status: Option<&DeploymentStatus>, finish: Option<&Finish>) -> [StepState; 5] {
    let done = |step: DeployStep| status.is_some_and(|s| s.steps_done.contains(&step));
    let created = done(DeployStep::ContractCreated) || matches!(finish, Some(Finish::Created(_)));
    let finished = [
        approved,
        done(DeployStep::Charged) || created,
        created,
        created,
        done(DeployStep::Registered) || matches!(finish, Some(Finish::Created(_))),
    ];
    let failed_at = match finish {
        Some(Finish::Failed { step: FailedStep::Factory, .. }) => Some(2),
        Some(Finish::Failed { step: FailedStep::Registry, .. }) => Some(4),
        Some(Finish::Refused(_)) => Some(finished.iter().position(|d| !d).unwrap_or(0)),
        _ => None,
    };
    let mut states = [StepState::Waiting; 5];
    let mut running_marked = finish.is_some();
    for (i, state) in states.iter_mut().enumerate() {
        *state = if failed_at == Some(i) {
            StepState::Failed
        } else if finished[i] {
            StepState::Done
        } else if !running_marked {
            running_marked = true;
            StepState::Running
        } else {
            StepState::Waiting
        };
    }
    states
}

#[component]
pub fn StepList(
    kind: &'static Kind,
    approved: Signal<bool>,
    status: Signal<Option<DeploymentStatus>>,
    finish: Signal<Option<Finish>>,
) -> impl IntoView {
    let states = move || step_states(approved.get(), status.get().as_ref(), finish.get().as_ref());
    view! {
        <ol class="space-y-2" data-testid="deploy-steps" aria-live="polite">
            {steps(kind).into_iter().enumerate().map(|(i, name)| {
                let state = move || states()[i];
                let label = move || match state() {
                    StepState::Done => ("✓", "done"),
                    StepState::Running => ("…", "in progress"),
                    StepState::Failed => ("✗", "failed"),
                    StepState::Waiting => ("○", "waiting"),
                };
                view! {
                    <li class="flex gap-2 items-center" data-testid="deploy-step"
                        data-state=move || label().1>
                        <span aria-hidden="true" class=move || match state() {
                            StepState::Done => "w-5 text-center font-semibold text-green-700",
                            StepState::Failed => "w-5 text-center font-semibold text-red-700",
                            _ => "w-5 text-center font-semibold",
                        }>{move || label().0}</span>
                        <span>{name}</span>
                        <span class="sr-only">{move || format!(" ({})", label().1)}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The end of the journey: the new contract, or what failed and what happened to the fee.
#[component]
pub fn FinishView(kind: &'static Kind, finish: Finish, decimals: u8, symbol: String, on_restart: Callback<()>) -> impl IntoView {
    let body = match finish {
        Finish::Created(canister) => view! {
            <div class="rounded border border-green-300 bg-green-50 p-3 space-y-2" data-testid="deploy-done" role="status">
                <p class="font-semibold">{format!("Your {} is live.", kind.noun)}</p>
                <p class="text-sm break-all">{format!("{} canister: ", kind.canister_name)}<span class="font-mono" data-testid="deploy-canister">{canister.to_text()}</span></p>
                <div class="flex flex-wrap gap-3">
                    <A href=format!("{}{canister}", kind.page_prefix) attr:class="underline text-indigo-700"
                        attr:data-testid=format!("deploy-{}-link", kind.noun)>{format!("Open the {}", kind.noun)}</A>
                    <A href="/" attr:class="underline text-indigo-700">"Go to the dashboard"</A>
                </div>
            </div>
        }.into_any(),
        Finish::Failed { step, refund } => {
            let refund_text = match &refund {
                Some(r) => describe_refund(&r.state, &r.amount, decimals, &symbol),
                None => "Refund pending: the backend returns the fee automatically.".into(),
            };
            view! {
                <div class="rounded border border-red-300 bg-red-50 p-3 space-y-2" role="alert" data-testid="deploy-failed">
                    <p class="font-semibold">{format!("{}. Your fee is being returned.", describe_failed_step(step))}</p>
                    <p data-testid="deploy-refund">{refund_text}</p>
                </div>
            }.into_any()
        }
        Finish::Refused(message) => view! {
            <div class="rounded border border-red-300 bg-red-50 p-3" role="alert">
                <p data-testid="deploy-error">{message}</p>
            </div>
        }.into_any(),
    };
    view! {
        {body}
        <button type="button" class="px-4 py-2 rounded border" data-testid="deploy-restart"
            on:click=move |_| on_restart.run(())>"Start a new deployment"</button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use icto_shared::contract::ContractType;

    fn status(steps: Vec<DeployStep>, outcome: DeployOutcome) -> DeploymentStatus {
        DeploymentStatus {
            request_key: "k".into(),
            user: Principal::anonymous(),
            contract_type: ContractType::Token,
            fee: 1u8.into(),
            created_at: 0,
            steps_done: steps,
            charge_block: None,
            canister_id: None,
            outcome,
            refund: None,
        }
    }

    #[test]
    fn steps_follow_the_backend() {
        use StepState::*;
        assert!(step_states(false, None, None) == [Running, Waiting, Waiting, Waiting, Waiting]);
        let charged = status(vec![DeployStep::Accepted, DeployStep::Charged], DeployOutcome::InProgress);
        assert!(step_states(true, Some(&charged), None) == [Done, Done, Running, Waiting, Waiting]);
        let failed = Finish::Failed { step: FailedStep::Factory, refund: None };
        assert!(step_states(true, Some(&charged), Some(&failed)) == [Done, Done, Failed, Waiting, Waiting]);
        let refused = Finish::Refused("disabled".into());
        assert!(step_states(true, None, Some(&refused)) == [Done, Failed, Waiting, Waiting, Waiting]);
    }
}
