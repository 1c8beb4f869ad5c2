//! The paid deployment every wizard goes through, whatever it creates: the fee and the payment token
//! (`Pricing`), the review of the payment with the payment ledger's ICRC-21 consent message for the
//! approval (exact fee, with an expiry), then approval, `deploy` with the ticket's request key, and the
//! progress view polling `get_deployment` until the contract is created or the fee is refunded.
//! A wizard supplies its `Kind` and the `ContractRequest`; the rest is here.
pub mod payment;
pub mod progress;
pub mod run;
pub mod ticket;
pub mod wizard;

use candid::{Nat, Principal};
use icto_shared::contract::ContractType;
use leptos::prelude::*;

use crate::format::format_amount;
use crate::ic::backend::{self, settings_of, type_name};
use crate::ic::icrc;
use crate::state::AppState;

pub use payment::{build_payment, Payment, PaymentReview};
pub use run::{DeployProgress, Run};
pub use ticket::Ticket;
pub use wizard::{Wizard, WizardShell};

/// What a wizard deploys, as the shared steps name it.
pub struct Kind {
    pub contract_type: ContractType,
    /// "token", "campaign": in "Install the token", "Your token is live", "Open the token".
    pub noun: &'static str,
    /// "Ledger": in "Ledger canister: …".
    pub canister_name: &'static str,
    /// The created contract's page is `page_prefix` + its id.
    pub page_prefix: &'static str,
    /// Where the ticket and the form are kept in sessionStorage.
    pub storage_key: &'static str,
}

/// The payment token and the fee, as the wizard shows amounts in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pricing {
    pub fee: Option<Nat>,
    pub enabled: bool,
    pub ledger_fee: Nat,
    pub decimals: u8,
    pub symbol: String,
    pub backend: Principal,
    pub ledger: Principal,
}

pub async fn read_pricing(state: &AppState, kind: ContractType) -> Result<Pricing, String> {
    let backend_id = state.network.config.canisters.backend.ok_or("This network has no backend configured.")?;
    let connection = state.agent()?;
    let backend_client = backend::backend(connection.clone(), backend_id);
    let ledger_client = icrc::ledger(connection, state.network.config.canisters.payment_ledger);
    let (config, info) = futures::join!(backend::get_config(&backend_client), icrc::token_info(&ledger_client));
    let (config, info) = (config?, info.map_err(|e| crate::ic::errors::readable("The payment ledger", &e))?);
    let settings = settings_of(&config, kind);
    Ok(Pricing {
        fee: settings.map(|s| s.fee.clone()),
        enabled: settings.is_some_and(|s| s.enabled),
        ledger_fee: config.payment.ledger_fee,
        decimals: info.decimals,
        symbol: info.symbol,
        backend: backend_id,
        ledger: config.payment.ledger,
    })
}

/// The payment token's unit for amounts shown before the pricing is read.
pub fn unit_of(pricing: Option<Result<Pricing, String>>) -> (u8, String) {
    pricing.and_then(|p| p.ok()).map(|p| (p.decimals, p.symbol)).unwrap_or((8, String::new()))
}

/// The fee line above a wizard's form.
#[component]
pub fn FeeLine(kind: &'static Kind, pricing: LocalResource<Result<Pricing, String>>) -> impl IntoView {
    let line = move || {
        pricing.get().map(|p| match p {
            Ok(p) => match (&p.fee, p.enabled) {
                (Some(fee), true) => view! {
                    <p class="text-sm">"Deployment fee: "<span class="font-semibold" data-testid="deploy-fee">
                        {format!("{} {}", format_amount(fee, p.decimals), p.symbol)}</span>
                        {format!(" (plus {} {} ledger fee for the approval and for the charge)", format_amount(&p.ledger_fee, p.decimals), p.symbol)}</p>
                }.into_any(),
                (Some(fee), false) => view! {
                    <p class="text-sm text-amber-800" data-testid="deploy-disabled">
                        {format!("{} deployments are disabled by the platform's admins right now. Fee when enabled: ", type_name(kind.contract_type))}
                        <span data-testid="deploy-fee">{format!("{} {}", format_amount(fee, p.decimals), p.symbol)}</span></p>
                }.into_any(),
                (None, _) => view! {
                    <p class="text-sm text-amber-800">{format!("{} deployments are not available on this network.", type_name(kind.contract_type))}</p>
                }.into_any(),
            },
            Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
        })
    };
    view! { <Transition fallback=|| view! { <p class="h-5 w-64 bg-slate-200 rounded animate-pulse"></p> }>{line}</Transition> }
}

/// The wizard's three steps, the current one marked.
#[component]
pub fn StepHeader(first: &'static str, current: Signal<usize>) -> impl IntoView {
    let class = move |i: usize| move || if current.get() == i { "font-semibold text-indigo-800" } else { "" };
    view! {
        <ol class="flex flex-wrap gap-2 text-sm text-slate-600" aria-label="Wizard steps">
            <li class=class(0) aria-current=move || (current.get() == 0).then_some("step")>{format!("1. {first}")}</li>
            <li aria-hidden="true">"›"</li>
            <li class=class(1) aria-current=move || (current.get() == 1).then_some("step")>"2. Review and approve"</li>
            <li aria-hidden="true">"›"</li>
            <li class=class(2) aria-current=move || (current.get() == 2).then_some("step")>"3. Deploy"</li>
        </ol>
    }
}
