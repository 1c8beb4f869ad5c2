//! My payments (`/payments`): the invoices of my paid deployments and their refunds, from InvoiceStorage,
//! newest first, a page at a time.
use icto_shared::invoice::{InvoicePage, InvoiceStatus};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::set_page_title;
use crate::format::format_amount;
use crate::ic::backend::type_name;
use crate::ic::errors::readable;
use crate::ic::{icrc, invoice};
use crate::state::AppState;

pub const PAGE_SIZE: u64 = 10;

/// `2026-11-29 18:27 UTC` from IC nanoseconds.
pub fn format_time(nanos: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64((nanos / 1_000_000) as f64));
    let iso: String = date.to_iso_string().into();
    format!("{} UTC", iso.get(..16).unwrap_or(&iso).replace('T', " "))
}

#[component]
pub fn InvoiceStatusBadge(status: InvoiceStatus) -> impl IntoView {
    let class = match status {
        InvoiceStatus::Completed => "bg-green-100 text-green-900",
        InvoiceStatus::Charged => "bg-slate-100 text-slate-900",
        InvoiceStatus::RefundPending => "bg-amber-100 text-amber-900",
        InvoiceStatus::Refunded => "bg-sky-100 text-sky-900",
    };
    view! { <span class=format!("px-2 rounded text-xs font-semibold {class}") data-testid="invoice-status">{invoice::status_text(status)}</span> }
}

async fn load(state: AppState, offset: u64) -> Result<(InvoicePage, u8, String), String> {
    let ids = &state.network.config.canisters;
    let storage = ids.invoice_storage.ok_or("This network has no invoice storage configured.")?;
    let connection = state.agent()?;
    let client = crate::ic::agent::Client::new(connection.clone(), storage);
    let ledger = icrc::ledger(connection, ids.payment_ledger);
    let (page, info) = futures::join!(invoice::my_invoices(&client, offset, PAGE_SIZE), icrc::token_info(&ledger));
    let info = info.map_err(|e| readable("The payment ledger", &e))?;
    Ok((page?, info.decimals, info.symbol))
}

#[component]
pub fn Payments() -> impl IntoView {
    set_page_title("Payments");
    let state = expect_context::<AppState>();
    let offset = RwSignal::new(0u64);
    let page = LocalResource::new({
        let state = state.clone();
        move || {
            let logged_in = state.session.get().is_some();
            let (state, offset) = (state.clone(), offset.get());
            async move { if logged_in { Some(load(state, offset).await) } else { None } }
        }
    });
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">"Payments"</h1>
            <Transition fallback=|| view! { <div class="h-32 bg-slate-200 rounded animate-pulse" aria-busy="true"></div> }>
                {move || page.get().map(|result| match result {
                    None => view! { <p>"Log in to see your payments."</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="text-red-700" role="alert">{e}</p> }.into_any(),
                    Some(Ok((page, _, _))) if page.total == 0 => view! {
                        <p data-testid="payments-empty">"No payments yet. "
                            <A href="/deploy/token" attr:class="underline text-indigo-700">"Deploy a token"</A>
                            " and its fee shows here."</p>
                    }.into_any(),
                    Some(Ok((page, decimals, symbol))) => {
                        let amount = move |n: &candid::Nat| format!("{} {}", format_amount(n, decimals), symbol);
                        let (total, start) = (page.total, offset.get_untracked());
                        view! {
                            <ul class="space-y-2" data-testid="invoice-list">
                                {page.items.into_iter().map(|i| view! {
                                    <li class="bg-white p-3 rounded-lg border border-slate-200 text-sm space-y-1" data-testid="invoice-row">
                                        <div class="flex flex-wrap gap-x-4 gap-y-1 items-center">
                                            <span class="font-semibold">{type_name(i.contract_type)}</span>
                                            <span data-testid="invoice-amount">{amount(&i.amount)}</span>
                                            <InvoiceStatusBadge status=i.status/>
                                            <span class="text-slate-600">{format_time(i.created_at)}</span>
                                        </div>
                                        <p class="text-slate-600">{format!("Charged in ledger block {}", i.charge_block)}</p>
                                        {i.canister_id.map(|id| view! {
                                            <p class="break-all">"Created: "<A href=format!("/tokens/{id}") attr:class="underline text-indigo-700 font-mono">{id.to_text()}</A></p>
                                        })}
                                        {i.refund_amount.as_ref().map(|r| view! {
                                            <p data-testid="invoice-refund">{format!("Refund: {}{}", amount(r),
                                                i.refund_block.as_ref().map(|b| format!(" (ledger block {b})")).unwrap_or_default())}</p>
                                        })}
                                        {i.note.clone().map(|n| view! { <p class="text-slate-600">{format!("Why: {n}")}</p> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <nav class="flex items-center gap-3 text-sm" aria-label="Pages">
                                <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled={start == 0}
                                    on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE_SIZE))>"Newer"</button>
                                <span>{format!("{}–{} of {}", start + 1, (start + PAGE_SIZE).min(total), total)}</span>
                                <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled={start + PAGE_SIZE >= total}
                                    on:click=move |_| offset.update(|o| *o += PAGE_SIZE)>"Older"</button>
                            </nav>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
