//! The payment part of a review: the fee, the ledger fees, my balance, the approval to send (exactly the
//! fee plus the charge's ledger fee, expiring, memo = the request key) and the payment ledger's consent
//! message for it; then the buttons to approve and deploy or go back.
use candid::{Nat, Principal};
use icto_shared::token::{Account, ApproveArgs};
use leptos::prelude::*;

use super::{read_pricing, Kind};
use crate::browser::now_nanos;
use crate::components::consent_message::ConsentMessage;
use crate::format::format_amount;
use crate::ic::backend::type_name;
use crate::ic::errors::readable;
use crate::ic::icrc;
use crate::state::AppState;

/// How long the approval lets the backend take the fee: long enough for a slow deployment, short enough
/// that a forgotten approval lapses.
const APPROVAL_LIFETIME_NANOS: u64 = 30 * 60 * 1_000_000_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Payment {
    pub fee: Nat,
    pub ledger_fee: Nat,
    pub balance: Nat,
    pub symbol: String,
    pub decimals: u8,
    pub ledger: Principal,
    pub approve: ApproveArgs,
    /// The payment ledger's consent message; `None` when the review found a problem.
    pub consent: Option<String>,
    pub problem: Option<String>,
}

impl Payment {
    /// The approval costs one ledger fee, the charge (`icrc2_transfer_from`) another.
    pub fn total(&self) -> Nat {
        self.fee.clone() + self.ledger_fee.clone() + self.ledger_fee.clone()
    }

    pub fn amount(&self, n: &Nat) -> String {
        format!("{} {}", format_amount(n, self.decimals), self.symbol)
    }
}

/// Reads the fee and my balance, builds the approval and asks the payment ledger what it will say about it.
/// `also_needed` is what else the person will pay from the payment token soon (a campaign's funding when it
/// distributes the payment token): the balance must cover it too.
pub async fn build_payment(
    state: &AppState,
    me: Principal,
    kind: &Kind,
    request_key: &str,
    also_needed: Option<(Nat, &str)>,
) -> Result<Payment, String> {
    let pricing = read_pricing(state, kind.contract_type).await?;
    let name = type_name(kind.contract_type);
    let fee = pricing.fee.clone().ok_or(format!("{name} deployments are not available on this network."))?;
    let ledger = icrc::ledger(state.agent()?, pricing.ledger);
    let balance = icrc::balance_of(&ledger, me).await.map_err(|e| readable("The payment ledger", &e))?;
    let approve = ApproveArgs {
        from_subaccount: None,
        spender: Account::of(pricing.backend),
        // The backend takes exactly the fee and pays the ledger fee of its transfer_from from the allowance.
        amount: fee.clone() + pricing.ledger_fee.clone(),
        expected_allowance: None,
        expires_at: Some(now_nanos() + APPROVAL_LIFETIME_NANOS),
        fee: Some(pricing.ledger_fee.clone()),
        memo: Some(serde_bytes::ByteBuf::from(request_key.as_bytes().to_vec())),
        created_at_time: Some(now_nanos()),
    };
    let mut payment = Payment {
        fee,
        ledger_fee: pricing.ledger_fee.clone(),
        balance,
        symbol: pricing.symbol.clone(),
        decimals: pricing.decimals,
        ledger: pricing.ledger,
        approve,
        consent: None,
        problem: None,
    };
    let (extra, extra_what) = also_needed.unwrap_or((Nat::from(0u8), ""));
    if !pricing.enabled {
        payment.problem = Some(format!("{name} deployments are disabled by the platform's admins right now. Nothing will be charged."));
    } else if payment.balance < payment.total() + extra.clone() {
        let needed = payment.total() + extra.clone();
        let with = if extra > 0u8 { format!(" and {extra_what}") } else { String::new() };
        payment.problem = Some(format!(
            "Insufficient funds: the fee and ledger fees{with} come to {}, your balance is {}.",
            payment.amount(&needed),
            payment.amount(&payment.balance),
        ));
    } else {
        payment.consent = Some(
            icrc::approve_consent_message(&ledger, &payment.approve)
                .await
                .map_err(|e| format!("The payment ledger gave no consent message: {}", readable("The payment ledger", &e)))?,
        );
    }
    Ok(payment)
}

/// The review: what will be created (`children`), the payment, the consent message (focused, so a screen
/// reader reads it first) and the buttons.
#[component]
pub fn PaymentReview(
    payment: Payment,
    busy: RwSignal<bool>,
    on_back: Callback<()>,
    on_confirm: Callback<ApproveArgs>,
    children: Children,
) -> impl IntoView {
    let consent_box = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = consent_box.get() {
            let _ = el.focus();
        }
    });
    let approve = payment.approve.clone();
    let p = &payment;
    view! {
        <div class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" data-testid="deploy-review-step">
            <h2 class="font-semibold">"What will be created"</h2>
            {children()}
            <h2 class="font-semibold">"Payment"</h2>
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">"Fee"</dt><dd data-testid="review-fee">{p.amount(&p.fee)}</dd>
                <dt class="text-slate-600">"Ledger fees"</dt><dd>{format!("{} (approval and charge)", p.amount(&(p.ledger_fee.clone() + p.ledger_fee.clone())))}</dd>
                <dt class="text-slate-600">"Total"</dt><dd class="font-semibold" data-testid="review-total">{p.amount(&p.total())}</dd>
                <dt class="text-slate-600">"Your balance"</dt><dd data-testid="review-balance">{p.amount(&p.balance)}</dd>
            </dl>
            <p class="text-xs text-slate-600">"If a step after the charge fails, the fee is refunded automatically (minus the ledger fee)."</p>
            {p.problem.clone().map(|p| view! { <p class="text-sm text-red-700" role="alert" data-testid="review-problem">{p}</p> })}
            {p.consent.clone().map(|consent| view! {
                <div node_ref=consent_box tabindex="-1" class="border border-amber-300 bg-amber-50 rounded p-3 space-y-2 focus:outline focus:outline-2 focus:outline-indigo-600"
                    aria-label="The payment ledger asks you to approve">
                    <p class="text-xs uppercase text-amber-800">"The payment ledger says"</p>
                    <ConsentMessage message=consent/>
                </div>
            })}
            <div class="flex flex-wrap gap-2">
                {p.consent.is_some().then(|| view! {
                    <button type="button" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="deploy-confirm"
                        disabled=move || busy.get() on:click=move |_| on_confirm.run(approve.clone())>"Approve and deploy"</button>
                })}
                <button type="button" class="px-4 py-2 rounded border" data-testid="deploy-back" on:click=move |_| on_back.run(())>"Back to the form"</button>
            </div>
        </div>
    }
}
