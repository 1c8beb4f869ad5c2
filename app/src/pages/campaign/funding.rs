//! The creator's funding of a created campaign: what the contract holds against what it needs (every
//! allocation plus one ledger fee per recipient row), "Fund" sending the missing amount with icrc1_transfer
//! from the creator's account, then "Activate".
use candid::Nat;
use icto_shared::token::{Account, TransferArg};
use leptos::prelude::*;

use super::CampaignView;
use crate::browser::now_nanos;
use crate::ic::distribution::{self, describe_simple, required_funding};
use crate::ic::errors::readable;
use crate::ic::icrc::{self, describe_transfer_error};
use crate::state::AppState;

#[component]
pub fn Funding(view: CampaignView, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let required = required_funding(&view.info.totals, &view.token.fee);
    let missing = if view.balance < required { required.clone() - view.balance.clone() } else { Nat::from(0u8) };
    let funded = missing == 0u8;
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let (decimals, symbol) = (view.token.decimals, view.token.symbol.clone());

    let fund = {
        let (state, view, missing, symbol) = (state.clone(), view.clone(), missing.clone(), symbol.clone());
        move |_| {
            let (state, view, missing, symbol) = (state.clone(), view.clone(), missing.clone(), symbol.clone());
            busy.set(true);
            message.set(None);
            leptos::task::spawn_local(async move {
                let arg = TransferArg {
                    from_subaccount: None,
                    to: Account::of(view.id),
                    amount: missing.clone(),
                    fee: Some(view.token.fee.clone()),
                    memo: None,
                    created_at_time: Some(now_nanos()),
                };
                let outcome = match state.agent() {
                    Ok(c) => icrc::transfer(&icrc::ledger(c, view.info.token_ledger), arg).await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                match outcome {
                    Ok(Ok(block)) => {
                        message.set(Some((true, format!("Sent {} to the campaign (ledger block {block}).", view.amount(&missing)))));
                        refresh.update(|n| *n += 1);
                    }
                    Ok(Err(e)) => message.set(Some((false, describe_transfer_error(&e, decimals, &symbol)))),
                    Err(e) => message.set(Some((false, readable("The token ledger", &e)))),
                }
            });
        }
    };
    let activate = {
        let (state, view, symbol) = (state.clone(), view.clone(), symbol.clone());
        move |_| {
            let (state, view, symbol) = (state.clone(), view.clone(), symbol.clone());
            busy.set(true);
            message.set(None);
            leptos::task::spawn_local(async move {
                let outcome = match state.agent() {
                    Ok(c) => distribution::creator_call(&distribution::contract(c, view.id), "activate").await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                match outcome {
                    Ok(Ok(_)) => refresh.update(|n| *n += 1),
                    Ok(Err(e)) => message.set(Some((false, describe_simple(&e, decimals, &symbol)))),
                    Err(e) => message.set(Some((false, e))),
                }
            });
        }
    };
    view! {
        <section class="bg-white p-4 rounded-lg border border-amber-300 space-y-2" data-testid="campaign-funding-section">
            <h2 class="font-semibold">"Funding"</h2>
            <p class="text-sm" data-testid="campaign-funding" data-funded=funded.to_string()>
                {format!("The campaign holds {} of the {} it needs (the allocations plus one {} ledger fee per recipient row).",
                    view.amount(&view.balance), view.amount(&required), view.amount(&view.token.fee))}</p>
            <div class="flex flex-wrap gap-2">
                {(!funded).then(|| view! {
                    <button type="button" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="campaign-fund"
                        disabled=move || busy.get() on:click=fund>
                        {format!("Fund: send {} (+ {} fee)", view.amount(&missing), view.amount(&view.token.fee))}</button>
                })}
                <button type="button" class="px-4 py-2 rounded border disabled:opacity-50" data-testid="campaign-activate"
                    disabled=move || busy.get() || !funded on:click=activate>"Activate"</button>
            </div>
            {view.info.registration.as_ref().filter(|r| r.registered < r.max_registrants && now_nanos() < r.closes_at).map(|r| view! {
                <p class="text-xs text-slate-600" data-testid="campaign-activate-waits">{format!(
                    "Activation waits until registration closes at {} (your time) or every place is taken; fund for those registered then.",
                    crate::browser::local_time(r.closes_at))}</p>
            })}
            {(!funded).then(|| view! { <p class="text-xs text-slate-600">"Activate once the campaign is funded: recipients can claim from then on."</p> })}
            <p aria-live="polite" role="status" data-testid="campaign-funding-message"
                class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "text-sm text-green-800" } else { "text-sm text-red-700" }>
                {move || message.get().map(|m| m.1)}</p>
        </section>
    }
}
