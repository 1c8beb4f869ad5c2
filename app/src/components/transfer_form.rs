//! Transfer: validate the amount, show the fee and the ledger's ICRC-21 consent message (focused, with
//! warnings about the recipient), then confirm. Enter in a field reviews; a field in error is marked
//! `aria-invalid` and the error is announced.
//! A confirmed transfer carries the `created_at_time` fixed at review, so confirming again after a network
//! failure is safe: the ledger answers `Duplicate` instead of sending twice.
use candid::{Nat, Principal};
use icto_shared::token::{Account, TransferArg, TransferError};
use leptos::prelude::*;

use crate::browser::{focus_when_shown, now_nanos};
use crate::components::consent_message::ConsentMessage;
use crate::format::{format_amount, parse_amount};
use crate::ic::errors::readable_error;
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
    /// The field the error is about, marked `aria-invalid`.
    pub invalid: RwSignal<Option<Field>>,
    pub notice: RwSignal<Option<String>>,
}

/// A form field an error can be about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    To,
    Amount,
}

const REVIEW_BOX_ID: &str = "transfer-review-box";

impl TransferDraft {
    pub fn new() -> Self {
        TransferDraft {
            to: RwSignal::new(String::new()),
            amount: RwSignal::new(String::new()),
            review: RwSignal::new(None),
            error: RwSignal::new(None),
            invalid: RwSignal::new(None),
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

/// What to tell the person about a recipient before they confirm: sending there is allowed but is rarely
/// what they mean (nobody holds the anonymous principal's key; a canister may not be able to send it back).
pub fn recipient_warnings(to: Principal, me: Option<Principal>) -> Vec<&'static str> {
    let bytes = to.as_slice();
    let mut warnings = Vec::new();
    if to == Principal::anonymous() {
        warnings.push("This is the anonymous principal: nobody controls it, and tokens sent there are lost for good.");
    } else if bytes.is_empty() || bytes.last() == Some(&0x01) {
        warnings.push(
            "This is a canister id, not a person's principal: only send if this canister is meant to receive              tokens (it may be unable to send them back).",
        );
    }
    if Some(to) == me {
        warnings.push("This is your own principal: you are sending to yourself and pay the fee for nothing.");
    }
    warnings
}

/// Checks the form before anything is sent; the ledger checks again.
fn build_transfer(to: &str, amount: &str, info: &TokenInfo, balance: &Nat) -> Result<TransferArg, (Field, String)> {
    let to = Principal::from_text(to.trim()).map_err(|_| {
        (Field::To, "The recipient is not a valid principal: paste it as text like xxxxx-xxxxx-…-xxx.".to_string())
    })?;
    let amount = parse_amount(amount, info.decimals).map_err(|e| (Field::Amount, e))?;
    let to = Account::of(to);
    let fee = if is_burn(&to, info) { Nat::from(0u8) } else { info.fee.clone() };
    let needed = amount.clone() + fee.clone();
    if &needed > balance {
        return Err((Field::Amount, format!(
            "Insufficient funds: {} {sym} plus the {} {sym} fee is more than your balance of {} {sym}.",
            format_amount(&amount, info.decimals),
            format_amount(&fee, info.decimals),
            format_amount(balance, info.decimals),
            sym = info.symbol
        )));
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

fn outcome(result: Result<Result<Nat, TransferError>, String>, info: &TokenInfo, arg: &TransferArg) -> Outcome {
    match result {
        Ok(Ok(block)) => Outcome::Sent(format!(
            "Sent {} {} to {}. Block {block}.",
            format_amount(&arg.amount, info.decimals),
            info.symbol,
            arg.to.owner.to_text()
        )),
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
            "No answer from the network ({}). The transfer may have gone through: confirm again to \
             retry safely; the ledger will not send it twice.",
            readable_error(&network).trim_end_matches('.')
        )),
    }
}

#[component]
pub fn TransferForm(info: TokenInfo, balance: Nat, refresh: RwSignal<u32>, draft: TransferDraft) -> impl IntoView {
    let state = expect_context::<AppState>();
    let TransferDraft { to, amount, review, error, invalid, notice } = draft;
    let me = state.session.get_untracked().map(|s| s.principal());
    let busy = RwSignal::new(false);
    let fee_text = format!("{} {}", format_amount(&info.fee, info.decimals), info.symbol);

    let on_review = {
        let (state, info, balance) = (state.clone(), info.clone(), balance.clone());
        move || {
            if busy.get_untracked() || review.get_untracked().is_some() {
                return;
            }
            error.set(None);
            invalid.set(None);
            notice.set(None);
            let arg = match build_transfer(&to.get_untracked(), &amount.get_untracked(), &info, &balance) {
                Ok(arg) => arg,
                Err((field, e)) => {
                    invalid.set(Some(field));
                    return error.set(Some(e));
                }
            };
            let (state, ledger) = (state.clone(), info.ledger);
            busy.set(true);
            leptos::task::spawn_local(async move {
                let consent = match state.agent() {
                    Ok(agent) => icrc::transfer_consent_message(&icrc::ledger(agent, ledger), &arg).await,
                    Err(e) => Err(e),
                };
                match consent {
                    Ok(consent) => {
                        review.set(Some(Review { arg, consent, unconfirmed: false }));
                        // Keyboard and screen-reader users land on what they are asked to confirm.
                        focus_when_shown(REVIEW_BOX_ID);
                    }
                    Err(e) => error.set(Some(format!("The ledger gave no consent message: {}", readable_error(&e)))),
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
                match outcome(result, &info, &pending.arg) {
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
        <form class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" novalidate=true
            aria-labelledby="transfer-heading" data-testid="transfer-form"
            on:submit={
                let on_review = on_review.clone();
                move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); on_review(); }
            }>
            <h2 class="font-semibold" id="transfer-heading">"Send"</h2>
            <label class="block text-sm" for="transfer-to">"To (principal)"</label>
            <input id="transfer-to" class="w-full border rounded px-2 py-1 font-mono text-sm aria-[invalid=true]:border-red-700"
                data-testid="transfer-to" autocomplete="off" spellcheck="false"
                aria-invalid=move || (invalid.get() == Some(Field::To)).to_string()
                aria-describedby=move || (invalid.get() == Some(Field::To)).then_some("transfer-error")
                prop:value=move || to.get()
                on:input=move |ev| { to.set(event_target_value(&ev)); review.set(None); invalid.set(None); }/>
            <label class="block text-sm" for="transfer-amount">"Amount"</label>
            <input id="transfer-amount" class="w-full border rounded px-2 py-1 font-mono text-sm aria-[invalid=true]:border-red-700"
                data-testid="transfer-amount" inputmode="decimal" autocomplete="off"
                aria-invalid=move || (invalid.get() == Some(Field::Amount)).to_string()
                aria-describedby=move || (invalid.get() == Some(Field::Amount)).then_some("transfer-error")
                prop:value=move || amount.get()
                on:input=move |ev| { amount.set(event_target_value(&ev)); review.set(None); invalid.set(None); }/>
            <p class="text-sm text-slate-600">"Fee: "<span data-testid="transfer-fee">{fee_text}</span></p>
            {move || match review.get() {
                // A submit button: Enter in either field reviews (the form's submit handler).
                None => view! {
                    <button type="submit" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50"
                        disabled=move || busy.get() data-testid="transfer-review">"Review"</button>
                }.into_any(),
                Some(review_data) => view! {
                    <div id=REVIEW_BOX_ID tabindex="-1" role="group" aria-labelledby="transfer-review-heading"
                        class="border border-amber-300 bg-amber-50 rounded p-3 space-y-2 focus:outline focus:outline-2 focus:outline-indigo-600"
                        data-testid="transfer-review-box">
                        <p class="text-xs uppercase text-amber-900" id="transfer-review-heading">"Review: the ledger says"</p>
                        <ConsentMessage message=review_data.consent/>
                        {recipient_warnings(review_data.arg.to.owner, me).into_iter().map(|warning| view! {
                            <p class="text-sm font-semibold text-red-700" data-testid="recipient-warning">{warning}</p>
                        }).collect_view()}
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
                            <button type="button" class="px-4 py-2 rounded border border-slate-400" on:click=move |_| review.set(None)
                                data-testid="transfer-cancel">"Cancel"</button>
                        </div>
                    </div>
                }.into_any(),
            }}
            <p class="text-sm text-red-700" id="transfer-error" role="alert" data-testid="transfer-error">{move || error.get()}</p>
            <p class="text-sm text-green-800 break-all" role="status" data-testid="transfer-notice">{move || notice.get()}</p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::recipient_warnings;
    use candid::Principal;

    #[test]
    fn warns_about_the_anonymous_principal_a_canister_and_myself() {
        let me = Principal::self_authenticating([7u8; 32]);
        let someone = Principal::self_authenticating([8u8; 32]);
        let canister = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
        assert!(recipient_warnings(someone, Some(me)).is_empty());
        assert!(recipient_warnings(Principal::anonymous(), Some(me))[0].contains("anonymous"));
        assert!(recipient_warnings(canister, Some(me))[0].contains("canister id"));
        assert!(recipient_warnings(Principal::management_canister(), None)[0].contains("canister id"));
        assert!(recipient_warnings(me, Some(me))[0].contains("your own principal"));
    }
}
