//! My transactions on a token, newest first, a page at a time ("Older" reads the next page), from the
//! ledger's ICRC-3 log: direction, counterparty, amount, fee, memo and time.
use candid::Principal;
use leptos::prelude::*;

use crate::format::{format_amount, format_utc, short_principal};
use crate::ic::errors::readable_error;
use crate::ic::history::{self, Direction, HistoryEntry};
use crate::ic::icrc::{self, TokenInfo};
use crate::state::AppState;

/// Transactions shown per page.
const PAGE_SIZE: usize = 10;

#[component]
pub fn TransactionHistory(info: TokenInfo, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let entries = RwSignal::new(Vec::<HistoryEntry>::new());
    let older_than = RwSignal::new(None::<u64>);
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);

    // `before: None` reads the newest page and replaces the list; `Some` appends the next older page.
    let read_page = {
        let (state, ledger) = (state.clone(), info.ledger);
        move |before: Option<u64>| {
            let state = state.clone();
            let Some(me) = state.session.get_untracked().map(|s| s.principal()) else { return };
            loading.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let result = match state.agent() {
                    Ok(agent) => history::my_history(&icrc::ledger(agent, ledger), me, before, PAGE_SIZE).await,
                    Err(e) => Err(e),
                };
                match result {
                    Ok(page) => {
                        if before.is_none() {
                            entries.set(page.entries);
                        } else {
                            entries.update(|list| list.extend(page.entries));
                        }
                        older_than.set(page.older_than);
                    }
                    Err(e) => error.set(Some(readable_error(&e))),
                }
                loading.set(false);
            });
        }
    };
    // Read again after each transfer (the form bumps `refresh`).
    Effect::new({
        let read_page = read_page.clone();
        move |_| {
            refresh.track();
            read_page(None);
        }
    });

    let (decimals, symbol) = (info.decimals, info.symbol.clone());
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-3" aria-labelledby="history-heading">
            <h2 class="font-semibold" id="history-heading">"My transactions"</h2>
            <p class="text-sm text-red-700" role="alert" data-testid="history-error">{move || error.get()}</p>
            {move || {
                let list = entries.get();
                if list.is_empty() && !loading.get() && error.get().is_none() {
                    return view! { <p class="text-sm text-slate-600" data-testid="history-empty">"No transactions yet."</p> }.into_any();
                }
                let symbol = symbol.clone();
                view! {
                    <ol class="divide-y divide-slate-100" data-testid="history">
                        {list.into_iter().map(|entry| view! { <HistoryRow entry decimals symbol=symbol.clone()/> }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {move || loading.get().then(|| view! { <p class="text-sm text-slate-600" role="status">"Reading the ledger…"</p> })}
            {move || older_than.get().filter(|_| !loading.get()).map(|before| {
                let read_page = read_page.clone();
                view! {
                    <button type="button" class="px-3 py-1 rounded border border-slate-300 text-sm hover:bg-slate-100"
                        data-testid="history-older" on:click=move |_| read_page(Some(before))>"Older transactions"</button>
                }
            })}
        </section>
    }
}

fn direction_text(direction: &Direction) -> &'static str {
    match direction {
        Direction::Sent => "Sent",
        Direction::Received => "Received",
        Direction::ToSelf => "Sent to myself",
        Direction::Minted => "Minted to me",
        Direction::Burned => "Burned",
        Direction::Approved => "Approved",
    }
}

fn counterparty_text(direction: &Direction, who: Option<Principal>) -> Option<(String, String)> {
    let who = who?.to_text();
    let label = match direction {
        Direction::Received => "from",
        Direction::Approved => "spender",
        _ => "to",
    };
    Some((label.to_string(), who))
}

#[component]
fn HistoryRow(entry: HistoryEntry, decimals: u8, symbol: String) -> impl IntoView {
    let amount = format!("{} {symbol}", format_amount(&entry.amount, decimals));
    let fee = entry.fee.as_ref().map(|f| format!("{} {symbol}", format_amount(f, decimals)));
    let memo = entry.memo.as_deref().map(history::memo_text);
    let counterparty = counterparty_text(&entry.direction, entry.counterparty);
    let sign = match entry.direction {
        Direction::Received | Direction::Minted => "text-green-800",
        _ => "text-slate-900",
    };
    view! {
        <li class="py-2 text-sm grid gap-1 sm:grid-cols-[1fr_auto]" data-testid="history-entry"
            data-block=entry.block.to_string()>
            <div class="space-y-0.5 min-w-0">
                <p>
                    <span class="font-semibold" data-testid="history-direction">{direction_text(&entry.direction)}</span>" "
                    <span class=format!("font-mono {sign}") data-testid="history-amount">{amount}</span>
                </p>
                {counterparty.map(|(label, who)| view! {
                    <p class="text-slate-600">{label}" "
                        <span class="font-mono" title=who.clone() data-testid="history-counterparty" data-principal=who.clone()>
                            {short_principal(&who)}
                        </span>
                    </p>
                })}
                <p class="text-slate-600">
                    "Fee: "<span data-testid="history-fee">{fee.unwrap_or_else(|| "none".into())}</span>
                    " · Memo: "<span class="font-mono break-all" data-testid="history-memo">{memo.unwrap_or_else(|| "none".into())}</span>
                </p>
            </div>
            <p class="text-slate-600 sm:text-right">
                <time data-testid="history-time">{format_utc(entry.timestamp)}</time>
                <span class="block text-xs">"Block "{entry.block}</span>
            </p>
        </li>
    }
}
