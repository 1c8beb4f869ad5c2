//! The tracked tokens' balances (read from their ledgers at once), today's spending against each daily
//! limit, and a deposit form: a transfer from my account to the wallet.
use candid::Principal;
use leptos::prelude::*;

use super::WalletView;
use crate::components::transfer_form::{TransferDraft, TransferForm};
use crate::format::format_amount;
use crate::ic::icrc;
use crate::state::AppState;

#[component]
pub fn Balances(view: WalletView, refresh: RwSignal<u32>) -> impl IntoView {
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
            {view.me.is_some().then(|| view! { <Deposit view=view.clone() refresh/> })}
        </section>
    }
}

/// Sends one of the tracked tokens from my account to the wallet (the shared transfer form, its recipient
/// set to the wallet).
#[component]
fn Deposit(view: WalletView, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let choices: Vec<(Principal, String)> = view.tokens.iter()
        .filter_map(|t| t.info.as_ref().ok().map(|i| (t.ledger, i.symbol.clone())))
        .collect();
    let ledger = RwSignal::new(choices.first().map(|c| c.0));
    let draft = TransferDraft::new();
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
