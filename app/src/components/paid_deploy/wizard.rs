//! The shell every paid-deployment wizard runs in: form -> review -> pay and progress. A wizard brings its
//! form, turns it into a `ContractRequest` and says what will be created; the shell reads the fee and the
//! balance, shows the shared payment review, then approves, deploys and follows the progress, resumes a
//! deployment after a reload and starts over.
use candid::{Nat, Principal};
use icto_shared::backend::ContractRequest;
use icto_shared::token::ApproveArgs;
use leptos::prelude::*;

use super::{build_payment, read_pricing, unit_of, DeployProgress, FeeLine, Kind, Payment, PaymentReview, Pricing, Run, StepHeader};
use crate::state::AppState;

#[derive(Clone)]
struct Review {
    request: ContractRequest,
    payment: Payment,
    summary: ViewFn,
}

#[derive(Clone)]
enum Phase {
    Form,
    Review(Review),
    Progress,
}

/// One wizard's state: its deployment, the fee, and the flags its form shows.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub kind: &'static Kind,
    pub run: Run,
    pub pricing: LocalResource<Result<Pricing, String>>,
    /// The payment token's decimals and symbol (8 and "" until read).
    pub unit: Signal<(u8, String)>,
    /// Reading the fee and the balance for the review.
    pub busy: RwSignal<bool>,
    /// Why the review could not open (shown under the form).
    pub error: RwSignal<Option<String>>,
    /// The person asked for the review once: every field's problem is shown from then on.
    pub submitted: RwSignal<bool>,
    phase: RwSignal<Phase>,
    state: StoredValue<AppState>,
}

impl Wizard {
    pub fn new(kind: &'static Kind) -> Wizard {
        let state = expect_context::<AppState>();
        let run = Run::new(kind);
        let phase = RwSignal::new(if run.resuming() { Phase::Progress } else { Phase::Form });
        let pricing = LocalResource::new({
            let state = state.clone();
            move || {
                let state = state.clone();
                async move { read_pricing(&state, kind.contract_type).await }
            }
        });
        Wizard {
            kind,
            run,
            pricing,
            unit: Signal::derive(move || unit_of(pricing.get())),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            submitted: RwSignal::new(false),
            phase,
            state: StoredValue::new(state),
        }
    }

    /// The form was sent: from now on every problem shows; clears the last error.
    pub fn submit(&self) {
        self.submitted.set(true);
        self.error.set(None);
    }

    /// Reads the fee and my balance and opens the review of `request`, `summary` saying what will be
    /// created; `also_needed` is what else the person pays soon from the payment token.
    pub fn review(&self, me: Principal, request: ContractRequest, also_needed: Option<(Nat, &'static str)>, summary: ViewFn) {
        let (wizard, state) = (*self, self.state.get_value());
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let payment = build_payment(&state, me, wizard.kind, &wizard.run.request_key(), also_needed.as_ref().map(|(n, w)| (n.clone(), *w))).await;
            wizard.busy.set(false);
            match payment {
                Ok(payment) => wizard.phase.set(Phase::Review(Review { request, payment, summary })),
                Err(e) => wizard.error.set(Some(e)),
            }
        });
    }

    fn step(&self) -> Signal<usize> {
        let phase = self.phase;
        Signal::derive(move || match phase.get() {
            Phase::Form => 0,
            Phase::Review(_) => 1,
            Phase::Progress => 2,
        })
    }
}

/// The steps header, the fee line, then the phase: the wizard's `form`, the review, or the progress.
/// `on_restart` empties the wizard's form for a new deployment.
#[component]
pub fn WizardShell(
    wizard: Wizard,
    /// The first step's name ("Token", "Campaign", "Wallet").
    first: &'static str,
    /// The progress view's heading ("Deploying ALC").
    progress_title: Signal<String>,
    on_restart: Callback<()>,
    form: ViewFn,
) -> impl IntoView {
    let Wizard { kind, run, pricing, unit, busy, error, submitted, phase, state } = wizard;
    if run.resuming() {
        run.start(state.get_value(), None, unit.get_untracked());
    }
    let on_retry = Callback::new(move |_| run.start(state.get_value(), None, unit.get_untracked()));
    let on_restart = Callback::new(move |_| {
        run.reset();
        on_restart.run(());
        submitted.set(false);
        error.set(None);
        phase.set(Phase::Form);
        pricing.refetch();
    });
    view! {
        <StepHeader first current=wizard.step()/>
        <FeeLine kind pricing/>
        {move || match phase.get() {
            Phase::Form => form.run(),
            Phase::Review(Review { request, payment, summary }) => view! {
                <PaymentReview payment busy on_back=Callback::new(move |_| phase.set(Phase::Form))
                    on_confirm=Callback::new(move |arg: ApproveArgs| {
                        phase.set(Phase::Progress);
                        run.confirm(state.get_value(), &request, arg, unit.get_untracked());
                    })>
                    {summary.run()}
                </PaymentReview>
            }.into_any(),
            Phase::Progress => view! { <DeployProgress run title=progress_title unit on_retry on_restart/> }.into_any(),
        }}
        <p class="text-sm text-red-700" role="alert" data-testid="deploy-form-error">{move || error.get()}</p>
    }
}
