//! Transfer: validate the amount, show the fee and the ledger's ICRC-21 consent message, then confirm.
//! A confirmed transfer carries the `created_at_time` fixed at review, so confirming again after a network
//! failure is safe: the ledger answers `Duplicate` instead of sending twice.
use candid::{Nat, Principal};
use icto_shared::token::{Account, TransferArg, TransferError};
use leptos::prelude::*;

use crate::browser::now_nanos;
use crate::components::consent_message::ConsentMessage;
use crate::format::{format_amount, parse_amount};
use crate::ic::icrc::{self, describe_transfer_error, TokenInfo};
use crate::state::AppState;

/// A transfer ready to send, with the consent message the person is asked to confirm.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    arg: TransferArg,
    consent: String,
    /// The last attempt failed on the network: the outcome is unknown until confirmed again.
    unconfirmed: bool,
}

/// What the form holds across re-reads of the token (which rebuild it): inputs, pending review, messages.
#[derive(Clone, Copy)]
pub struct TransferDraft {
    pub to: RwSignal<String>,
    pub amount: RwSignal<String>,
    pub review: RwSignal<Option<Review>>,
    pub error: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<String>>,
}

impl TransferDraft {
    pub fn new() -> Self {
        TransferDraft {
            to: RwSignal::new(String::new()),
            amount: RwSignal::new(String::new()),
            review: RwSignal::new(None),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }
}

/// Whether sending to `to` burns: the ledger's minting account takes no fee and destroys what it receives.
fn is_burn(to: &Account, info: &TokenInfo) -> bool {
    info.minting_account.as_ref().is_some_and(|m| {
        m.owner == to.owner && m.effective_subaccount() == to.effective_subaccount()
    })
}

/// Checks the form before anything is sent; the ledger checks again.
fn build_transfer(to: &str, amount: &str, info: &TokenInfo, balance: &Nat) -> Result<TransferArg, String> {
    let to = Principal::from_text(to.trim()).map_err(|_| "The recipient is not a valid principal.".to_string())?;
    let amount = parse_amount(amount, info.decimals)?;
    let to = Account::of(to);
    let fee = if is_burn(&to, info) { Nat::from(0u8) } else { info.fee.clone() };
    let needed = amount.clone() + fee.clone();
    if &needed > balance {
        return Err(format!(
            "Insufficient funds: {} {sym} plus the {} {sym} fee is more than your balance of {} {sym}.",
            format_amount(&amount, info.decimals),
            format_amount(&fee, info.decimals),
            format_amount(balance, info.decimals),
            sym = info.symbol
        ));
    }
    Ok(TransferArg {
        from_subaccount: None,
        to,
        amount,
        // Always explicit: if the ledger's fee changes after review, it refuses instead of charging more.
        fee: Some(fee),
        memo: None,
        // Set once at review: every confirmation of this review is the same transaction to the ledger.
        created_at_time: Some(now_nanos()),
    })
}

/// What the person sees after confirming.
enum Outcome {
    Sent(String),
    /// The review is done with; tell why and read the token again (its fee or the balance changed).
    Refused(String),
    /// The network failed: keep the review so that confirming again is a safe retry.
    Unknown(String),
}

fn outcome(result: Result<Result<Nat, TransferError>, String>, info: &TokenInfo) -> Outcome {
    match result {
        Ok(Ok(block)) => Outcome::Sent(format!("Sent. Block {block}.")),
        Ok(Err(TransferError::Duplicate { duplicate_of })) => Outcome::Sent(format!(
            "Duplicate: this transfer was already made (block {duplicate_of}); it was not sent again."
        )),
        Ok(Err(TransferError::BadFee { expected_fee })) => Outcome::Refused(format!(
            "The fee changed: the ledger now charges {} {}. Nothing was sent; review the transfer again.",
            format_amount(&expected_fee, info.decimals),
            info.symbol
        )),
        Ok(Err(refusal)) => Outcome::Refused(describe_transfer_error(&refusal, info.decimals, &info.symbol)),
        Err(network) => Outcome::Unknown(format!(
            "No answer from the network ({network}). The transfer may have gone through: confirm again to \
             retry safely; the ledger will not send it twice."
        )),
    }
}

#[component]
pub fn TransferForm(info: TokenInfo, balance: Nat, refresh: RwSignal<u32>, draft: TransferDraft) -> impl IntoView {
    let state = expect_context::<AppState>();
    let TransferDraft { to, amount, review, error, notice } = draft;
    let busy = RwSignal::new(false);
    let fee_text = format!("{} {}", format_amount(&info.fee, info.decimals), info.symbol);

    let on_review = {
        let (state, info, balance) = (state.clone(), info.clone(), balance.clone());
        move |_| {
            error.set(None);
            notice.set(None);
            let arg = match build_transfer(&to.get_untracked(), &amount.get_untracked(), &info, &balance) {
                Ok(arg) => arg,
                Err(e) => return error.set(Some(e)),
            };
            let (state, ledger) = (state.clone(), info.ledger);
            busy.set(true);
            leptos::task::spawn_local(async move {
                let consent = match state.agent() {
                    Ok(agent) => icrc::transfer_consent_message(&icrc::ledger(agent, ledger), &arg).await,
                    Err(e) => Err(e),
                };
                match consent {
                    Ok(consent) => review.set(Some(Review { arg, consent, unconfirmed: false })),
                    Err(e) => error.set(Some(format!("The ledger gave no consent message: {e}"))),
                }
                busy.set(false);
            });
        }
    };

    let on_confirm = {
        let (state, info) = (state.clone(), info.clone());
        move |_| {
            let Some(pending) = review.get_untracked() else { return };
            let (state, info) = (state.clone(), info.clone());
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let result = match state.agent() {
                    Ok(agent) => icrc::transfer(&icrc::ledger(agent, info.ledger), pending.arg.clone()).await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                match outcome(result, &info) {
                    Outcome::Sent(message) => {
                        review.set(None);
                        amount.set(String::new());
                        notice.set(Some(message));
                        refresh.update(|n| *n += 1);
                    }
                    Outcome::Refused(message) => {
                        review.set(None);
                        error.set(Some(message));
                        refresh.update(|n| *n += 1);
                    }
                    Outcome::Unknown(message) => {
                        review.set(Some(Review { unconfirmed: true, ..pending }));
                        error.set(Some(message));
                    }
                }
            });
        }
    };

    view! {
        <form class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" on:submit=|ev| ev.prevent_default()>
            <h2 class="font-semibold">"Send"</h2>
            <label class="block text-sm">"To (principal)"
                <input class="mt-1 w-full border rounded px-2 py-1 font-mono text-sm" data-testid="transfer-to"
                    prop:value=move || to.get() on:input=move |ev| { to.set(event_target_value(&ev)); review.set(None); }/>
            </label>
            <label class="block text-sm">"Amount"
                <input class="mt-1 w-full border rounded px-2 py-1 font-mono text-sm" data-testid="transfer-amount"
                    inputmode="decimal" prop:value=move || amount.get()
                    on:input=move |ev| { amount.set(event_target_value(&ev)); review.set(None); }/>
            </label>
            <p class="text-sm text-slate-600">"Fee: "<span data-testid="transfer-fee">{fee_text}</span></p>
            {move || match review.get() {
                None => view! {
                    <button type="button" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50"
                        disabled=move || busy.get() on:click=on_review.clone() data-testid="transfer-review">"Review"</button>
                }.into_any(),
                Some(review_data) => view! {
                    <div class="border border-amber-300 bg-amber-50 rounded p-3 space-y-2">
                        <p class="text-xs uppercase text-amber-800">"The ledger says"</p>
                        <ConsentMessage message=review_data.consent/>
                        {is_burn(&review_data.arg.to, &info).then(|| view! {
                            <p class="text-sm font-semibold text-red-700" data-testid="burn-warning">
                                "This is the token's minting account: the amount will be burned (destroyed), without a fee."
                            </p>
                        })}
                        <div class="flex gap-2">
                            <button type="button" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50"
                                disabled=move || busy.get() on:click=on_confirm.clone() data-testid="transfer-confirm">
                                {if review_data.unconfirmed { "Confirm again" } else { "Confirm" }}
                            </button>
                            <button type="button" class="px-4 py-2 rounded border" on:click=move |_| review.set(None)>"Cancel"</button>
                        </div>
                    </div>
                }.into_any(),
            }}
            <p class="text-sm text-red-700" data-testid="transfer-error">{move || error.get()}</p>
            <p class="text-sm text-green-700" data-testid="transfer-notice">{move || notice.get()}</p>
        </form>
    }
}
