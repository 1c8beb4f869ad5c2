//! Running a paid deployment: approve (unless resuming), `deploy` with the ticket's key, then follow the
//! backend's record to the end. Every answer is read back from the record, so a lost or repeated answer
//! changes nothing; a pending refund is followed until it is paid.
use icto_shared::backend::{ContractRequest, DeployError, DeployOutcome, DeployRequest, DeploymentStatus, RefundState};
use icto_shared::token::ApproveArgs;
use leptos::prelude::*;

use super::progress::{Finish, FinishView, StepList};
use super::{Kind, Ticket};
use crate::browser::sleep_ms;
use crate::ic::agent::Client;
use crate::ic::backend::{self, describe_deploy_error};
use crate::ic::icrc::{self, describe_approve_error};
use crate::state::AppState;

const POLL_MS: i32 = 700;

/// One wizard's deployment: its ticket and what the progress view shows.
#[derive(Clone, Copy)]
pub struct Run {
    pub kind: &'static Kind,
    pub ticket: RwSignal<Ticket>,
    pub approved: RwSignal<bool>,
    pub status: RwSignal<Option<DeploymentStatus>>,
    pub finish: RwSignal<Option<Finish>>,
    pub lost: RwSignal<bool>,
}

impl Run {
    /// The stored ticket (a reload resumes it) or a fresh one.
    pub fn new(kind: &'static Kind) -> Run {
        let ticket = Ticket::load(kind.storage_key).unwrap_or_else(Ticket::fresh);
        let resume = ticket.resumes();
        Run {
            kind,
            ticket: RwSignal::new(ticket),
            approved: RwSignal::new(resume),
            status: RwSignal::new(None),
            finish: RwSignal::new(None),
            lost: RwSignal::new(false),
        }
    }

    /// Whether the page opened on a deployment under way.
    pub fn resuming(&self) -> bool {
        self.ticket.with_untracked(|t| t.resumes())
    }

    pub fn request_key(&self) -> String {
        self.ticket.with_untracked(|t| t.request_key.clone())
    }

    /// The person confirmed the review: keep the request with the ticket, then approve and deploy.
    pub fn confirm(&self, state: AppState, request: &ContractRequest, approve: ApproveArgs, unit: (u8, String)) {
        self.ticket.update(|t| {
            t.set_request(request);
            t.deploying = true;
        });
        self.ticket.with_untracked(|t| t.save(self.kind.storage_key));
        self.start(state, Some(approve), unit);
    }

    /// Sends (or sends again, after a lost answer) the ticket's deployment.
    pub fn start(&self, state: AppState, approve: Option<ApproveArgs>, unit: (u8, String)) {
        self.finish.set(None);
        self.lost.set(false);
        leptos::task::spawn_local(run_deployment(state, *self, unit, approve));
    }

    /// A new deployment: a new key, nothing shown.
    pub fn reset(&self) {
        Ticket::clear(self.kind.storage_key);
        self.ticket.set(Ticket::fresh());
        self.approved.set(false);
        self.status.set(None);
        self.finish.set(None);
        self.lost.set(false);
    }

    /// Shows how it ended and forgets the ticket (its key is done with).
    fn end(&self, f: Finish) {
        Ticket::clear(self.kind.storage_key);
        self.ticket.update(|t| t.deploying = false);
        self.finish.set(Some(f));
    }
}

async fn run_deployment(state: AppState, run: Run, (decimals, symbol): (u8, String), approve: Option<ApproveArgs>) {
    let Some(backend_id) = state.network.config.canisters.backend else {
        return run.finish.set(Some(Finish::Refused("This network has no backend configured.".into())));
    };
    let connection = match state.agent() {
        Ok(c) => c,
        Err(e) => return run.finish.set(Some(Finish::Refused(e))),
    };
    let (key, request) = run.ticket.with_untracked(|t| (t.request_key.clone(), t.request()));
    let Some(request) = request else {
        return run.end(Finish::Refused("The saved request is no longer readable; start again.".into()));
    };
    if let Some(arg) = approve {
        let ledger = icrc::ledger(connection.clone(), state.network.config.canisters.payment_ledger);
        match icrc::approve(&ledger, arg).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                return run.end(Finish::Refused(format!("{} Nothing was charged.", describe_approve_error(&e, decimals, &symbol))));
            }
            Err(e) => {
                return run.end(Finish::Refused(format!(
                    "{} Nothing was charged; review again.",
                    crate::ic::errors::readable("The payment ledger", &e)
                )));
            }
        }
        run.approved.set(true);
        run.ticket.update(|t| t.approved = true);
        run.ticket.with_untracked(|t| t.save(run.kind.storage_key));
    }
    let client = backend::backend(connection, backend_id);
    let request = DeployRequest { request_key: key.clone(), contract: request };

    // The progress view polls while `deploy` runs.
    let running = RwSignal::new(true);
    leptos::task::spawn_local({
        let client = backend::backend(client.connection.clone(), backend_id);
        let key = key.clone();
        let status = run.status;
        async move {
            while running.try_get_untracked().unwrap_or(false) {
                if let Ok(Some(s)) = backend::get_deployment(&client, &key).await {
                    if status.try_set(Some(s)).is_some() {
                        break;
                    }
                }
                sleep_ms(POLL_MS).await;
            }
        }
    });
    let answer = backend::deploy(&client, request).await;
    running.set(false);
    let outcome = match answer {
        Ok(Ok(canister)) => Some(Finish::Created(canister)),
        Ok(Err(DeployError::Failed { step, refund, .. })) => Some(Finish::Failed { step, refund: Some(refund) }),
        Ok(Err(DeployError::InProgress(s))) => {
            run.status.set(Some(s));
            None
        }
        Ok(Err(refusal)) => Some(Finish::Refused(describe_deploy_error(&refusal, decimals, &symbol))),
        // No answer: the record says what happened (or that nothing did).
        Err(_) => None,
    };
    let outcome = match outcome {
        Some(o) => Some(o),
        None => follow(&client, &key, run.status).await,
    };
    match outcome {
        // Nothing was charged: the next attempt gets a new key (this one is spent on a refusal).
        Some(Finish::Refused(message)) => run.end(Finish::Refused(message)),
        Some(f) => {
            let pending = matches!(&f, Finish::Failed { refund: Some(r), .. } if matches!(r.state, RefundState::Pending { .. }))
                || matches!(&f, Finish::Failed { refund: None, .. });
            run.end(f);
            if pending {
                follow_refund(&client, &key, run.finish).await;
            }
        }
        None => run.lost.set(true),
    }
}

/// Polls the record until the deployment ends; `None` if there is no record (the call never arrived).
async fn follow(client: &Client, key: &str, status: RwSignal<Option<DeploymentStatus>>) -> Option<Finish> {
    let mut missing = 0;
    loop {
        match backend::get_deployment(client, key).await {
            Ok(Some(s)) => {
                let done = Finish::from_status(&s);
                // `try_set` hands the value back when the page is gone: stop following.
                if status.try_set(Some(s)).is_some() {
                    return None;
                }
                if done.is_some() {
                    return done;
                }
            }
            Ok(None) => {
                missing += 1;
                if missing > 5 {
                    return None;
                }
            }
            Err(_) => {}
        }
        sleep_ms(POLL_MS).await;
    }
}

/// A pending refund is retried by the backend's timer: follow it until it is done (or a minute passes).
async fn follow_refund(client: &Client, key: &str, finish: RwSignal<Option<Finish>>) {
    for _ in 0..60 {
        sleep_ms(1_000).await;
        if let Ok(Some(s)) = backend::get_deployment(client, key).await {
            if let (DeployOutcome::Failed { step, .. }, Some(refund)) = (&s.outcome, &s.refund) {
                let done = matches!(refund.state, RefundState::Refunded { .. });
                let gone = finish.try_set(Some(Finish::Failed { step: *step, refund: Some(refund.clone()) })).is_some();
                if done || gone {
                    return;
                }
            }
        }
    }
}

/// The progress view: the five steps, a lost answer's "send again", and how it ended.
#[component]
pub fn DeployProgress(
    run: Run,
    title: Signal<String>,
    unit: Signal<(u8, String)>,
    on_retry: Callback<()>,
    on_restart: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" data-testid="deploy-progress">
            <h2 class="font-semibold">{move || title.get()}</h2>
            <StepList kind=run.kind approved=run.approved.into() status=run.status.into() finish=run.finish.into()/>
            {move || run.lost.get().then(|| view! {
                <div role="alert" class="text-sm text-amber-800 space-y-2">
                    <p data-testid="deploy-lost">"The network did not answer. Your deployment may have started: sending it again is safe, you will not be charged twice."</p>
                    <button type="button" class="px-3 py-1 rounded border" data-testid="deploy-retry"
                        on:click=move |_| on_retry.run(())>"Send again"</button>
                </div>
            })}
            {move || run.finish.get().map(|f| {
                let (decimals, symbol) = unit.get();
                view! { <FinishView kind=run.kind finish=f decimals symbol on_restart/> }
            })}
        </div>
    }
}
