//! The tracked tokens' balances (read from their ledgers at once), today's spending against each daily
//! limit, and a deposit form: a transfer from my account to the wallet.
use candid::Principal;
use leptos::prelude::*;

use super::WalletView;
use crate::components::transfer_form::TransferForm;
use crate::format::format_amount;
use crate::ic::icrc;
use crate::state::AppState;

#[component]
pub fn Balances(view: WalletView, refresh: RwSignal<u32>, kept: super::Kept) -> impl IntoView {
    let rows = view.tokens.iter().map(|t| {
        let limit = view.info.spending.iter().find(|s| s.ledger == t.ledger).cloned();
        let (amount, error) = match (&t.info, &t.balance) {
            (Ok(i), Ok(b)) => (Some(format!("{} {}", format_amount(b, i.decimals), i.symbol)), None),
            (Err(e), _) | (_, Err(e)) => (None, Some(e.clone())),
        };
        let name = t.info.as_ref().map(|i| format!("{} ({})", i.name, i.symbol)).unwrap_or_else(|_| t.ledger.to_text());
        let limit_text = limit.map(|s| match &t.info {
            Ok(i) => format!("Spent today {} of {} {}", format_amount(&s.spent_today, i.decimals), format_amount(&s.daily_max, i.decimals), i.symbol),
            Err(_) => format!("Spent today {} of {} base units", s.spent_today, s.daily_max),
        });
        view! {
            <li class="py-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="wallet-balance" data-ledger=t.ledger.to_text()>
                <span class="font-medium break-all">{name}</span>
                {amount.map(|a| view! { <span class="font-mono" data-testid="wallet-balance-amount">{a}</span> })}
                {error.map(|e| view! { <span class="text-red-700" role="alert">{e}</span> })}
                {limit_text.map(|l| view! { <span class="text-slate-600" data-testid="wallet-limit">{l}</span> })}
            </li>
        }
    }).collect_view();
    let empty = view.tokens.is_empty();
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" aria-labelledby="wallet-balances-heading">
            <h2 class="font-semibold" id="wallet-balances-heading">"Balances"</h2>
            {empty.then(|| view! { <p class="text-sm text-slate-700">"The wallet tracks no token yet: a signer can propose adding one."</p> })}
            <ul class="divide-y" data-testid="wallet-balances">{rows}</ul>
            {(view.role() == Some(icto_shared::multisig::MemberRole::Signer)).then(|| view! { <TrackToken view=view.clone() refresh/> })}
            {view.me.is_some().then(|| view! { <Deposit view=view.clone() refresh kept/> })}
        </section>
    }
}

/// Sends one of the tracked tokens from my account to the wallet (the shared transfer form, its recipient
/// set to the wallet).
#[component]
fn Deposit(view: WalletView, refresh: RwSignal<u32>, kept: super::Kept) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = kept.deposit_open;
    let choices: Vec<(Principal, String)> = view.tokens.iter()
        .filter_map(|t| t.info.as_ref().ok().map(|i| (t.ledger, i.symbol.clone())))
        .collect();
    let ledger = RwSignal::new(choices.first().map(|c| c.0));
    let draft = kept.deposit;
    draft.to.set(view.id.to_text());
    let mine = LocalResource::new(move || {
        let (state, ledger) = (state.clone(), ledger.get());
        refresh.track();
        async move {
            let ledger = ledger.ok_or("Choose a token.".to_string())?;
            let me = state.session.get_untracked().map(|s| s.principal()).ok_or("Log in first.".to_string())?;
            let client = icrc::ledger(state.agent()?, ledger);
            let (info, balance) = futures::join!(icrc::token_info(&client), icrc::balance_of(&client, me));
            let readable = |e: String| crate::ic::errors::readable("The token's ledger", &e);
            Ok::<_, String>((info.map_err(readable)?, balance.map_err(readable)?))
        }
    });
    view! {
        <div class="pt-2 space-y-2">
            <button type="button" class="px-3 py-1 rounded border text-sm" data-testid="wallet-deposit-toggle"
                aria-expanded=move || open.get().to_string() aria-controls="wallet-deposit"
                on:click=move |_| open.update(|o| *o = !*o)>"Deposit to the wallet"</button>
            <div id="wallet-deposit" class="space-y-2" hidden=move || !open.get()>
                <label class="block text-sm" for="wallet-deposit-token">"Token"</label>
                <select id="wallet-deposit-token" class="border rounded px-2 py-1 text-sm" data-testid="wallet-deposit-token"
                    on:change=move |ev| ledger.set(Principal::from_text(event_target_value(&ev)).ok())>
                    {choices.into_iter().map(|(id, symbol)| view! { <option value=id.to_text()>{symbol}</option> }).collect_view()}
                </select>
                <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Reading your balance…"</p> }>
                    {move || open.get().then(|| mine.get().map(|r| match r {
                        Ok((info, balance)) => view! {
                            <p class="text-sm text-slate-700" data-testid="wallet-deposit-mine">
                                {format!("Your balance: {} {}", format_amount(&balance, info.decimals), info.symbol)}</p>
                            <TransferForm info balance refresh draft/>
                        }.into_any(),
                        Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
                    }))}
                </Transition>
            </div>
        </div>
    }
}

/// A signer adds a ledger the wallet shows (or removes one), without a proposal: it moves nothing.
#[component]
fn TrackToken(view: WalletView, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let view = StoredValue::new(view);
    let call = move |method: &'static str, ledger: Principal| {
        let state = state.clone();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let wallet = view.with_value(|v| v.id);
            let answer = match state.agent() {
                Ok(c) => crate::ic::multisig::token_call(&crate::ic::multisig::wallet(c, wallet), method, ledger).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            match answer {
                Ok(Ok(_)) => {
                    text.set(String::new());
                    refresh.update(|n| *n += 1);
                }
                Ok(Err(e)) => error.set(Some(view.with_value(|v| v.error_words(&e)))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let add = {
        let call = call.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match Principal::from_text(text.get_untracked().trim()) {
                Ok(ledger) => call("add_token", ledger),
                Err(_) => error.set(Some("The ledger id is not a principal.".into())),
            }
        }
    };
    let tracked: Vec<(Principal, String)> = view.with_value(|v| v.tokens.iter()
        .map(|t| (t.ledger, t.info.as_ref().map(|i| i.symbol.clone()).unwrap_or_else(|_| t.ledger.to_text()))).collect());
    view! {
        <details class="pt-2 text-sm">
            <summary class="cursor-pointer">"Tokens the wallet shows"</summary>
            <ul class="mt-1 space-y-1">
                {tracked.into_iter().map(|(ledger, name)| {
                    let call = call.clone();
                    view! { <li class="flex gap-2 items-center"><span>{name.clone()}</span>
                        <button type="button" class="px-2 py-0.5 rounded border text-xs" aria-label=format!("Stop showing {name}")
                            disabled=move || busy.get() on:click=move |_| call("remove_token", ledger)>"Remove"</button></li> }
                }).collect_view()}
            </ul>
            <form class="flex flex-wrap gap-2 items-end mt-2" on:submit=add novalidate=true>
                <div><label class="block text-xs text-slate-600" for="wallet-track-ledger">"Add a token by ledger id"</label>
                    <input id="wallet-track-ledger" class="border rounded px-2 py-1 text-sm font-mono" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))/></div>
                <button type="submit" class="px-3 py-1 rounded border text-sm disabled:opacity-50" disabled=move || busy.get()>"Add"</button>
            </form>
            <p class="text-sm text-red-700" role="alert">{move || error.get()}</p>
        </details>
    }
}
