//! The wallet's history, newest first, a page at a time.
use icto_shared::multisig::{HistoryEvent, Vote};
use leptos::prelude::*;

use super::proposals::Pager;
use super::WalletView;
use crate::browser::local_time;
use crate::format::short_principal;
use crate::ic::multisig;
use crate::state::AppState;

const PAGE: u64 = 20;

pub fn describe_event(e: &HistoryEvent) -> String {
    match e {
        HistoryEvent::Created => "Created the wallet".into(),
        HistoryEvent::Proposed { id } => format!("Proposed #{id}"),
        HistoryEvent::Voted { id, vote: Vote::Approve } => format!("Approved #{id}"),
        HistoryEvent::Voted { id, vote: Vote::Reject } => format!("Rejected #{id}"),
        HistoryEvent::Cancelled { id } => format!("Cancelled #{id}"),
        HistoryEvent::Expired { id } => format!("#{id} expired"),
        HistoryEvent::Rejected { id } => format!("#{id} was rejected"),
        HistoryEvent::Executed { id } => format!("#{id} was executed"),
        HistoryEvent::Failed { id } => format!("#{id} failed"),
        HistoryEvent::TokenAdded { ledger } => format!("Added the token {}", short_principal(&ledger.to_text())),
        HistoryEvent::TokenRemoved { ledger } => format!("Removed the token {}", short_principal(&ledger.to_text())),
        HistoryEvent::AddressBookChanged => "Changed the address book".into(),
    }
}

#[component]
pub fn History(view: WalletView, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let offset = RwSignal::new(0u64);
    let wallet = view.id;
    let page = LocalResource::new(move || {
        let (state, offset) = (state.clone(), offset.get());
        refresh.track();
        async move {
            let client = multisig::wallet(state.agent()?, wallet);
            super::answer(multisig::get_history(&client, offset, PAGE).await)
        }
    });
    let who = move |p: candid::Principal| {
        view.name_of(&icto_shared::token::Account::of(p)).unwrap_or_else(|| short_principal(&p.to_text()))
    };
    view! {
        <section class="space-y-2" aria-labelledby="wallet-history-heading" data-testid="wallet-history">
            <h2 class="text-lg font-semibold" id="wallet-history-heading">"History"</h2>
            <Transition fallback=|| view! { <p class="h-12 bg-slate-200 rounded animate-pulse"></p> }>
                {move || page.get().map(|r| match r {
                    Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
                    Ok(p) => {
                        let total = p.total;
                        view! {
                            <ul class="bg-white rounded-lg border border-slate-200 divide-y text-sm">
                                {p.items.into_iter().map(|h| view! {
                                    <li class="p-2 flex flex-wrap gap-x-3" data-testid="history-entry">
                                        <span class="text-slate-600">{local_time(h.at)}</span>
                                        <span>{who(h.by)}</span>
                                        <span>{describe_event(&h.event)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <Pager offset total size=PAGE label="events"/>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
