//! The admin console (`/admin`, for the backend's admins): fees and feature flags per contract type with
//! the cycles each deployment burns, the factory whitelist, and the audit log with its hash chain verified
//! in the browser against the certified tip.
use candid::Nat;
use icto_shared::backend::{BackendConfig, ContractTypeSettings};
use icto_shared::contract::ContractType;
use leptos::prelude::*;

use crate::browser::set_page_title;
use crate::format::{format_amount, parse_amount};
use crate::ic::agent::Client;
use crate::ic::audit::{self, ChainCheck};
use crate::ic::backend::{self, type_name};
use crate::pages::payments::format_time;
use crate::state::AppState;

const AUDIT_PAGE: u64 = 20;

#[component]
pub fn Admin() -> impl IntoView {
    set_page_title("Admin");
    let state = expect_context::<AppState>();
    let config = LocalResource::new({
        let state = state.clone();
        move || {
            let state = state.clone();
            async move {
                let id = state.network.config.canisters.backend.ok_or("This network has no backend configured.")?;
                backend::get_config(&backend::backend(state.agent()?, id)).await
            }
        }
    });
    view! {
        <section class="space-y-6">
            <h1 class="text-2xl font-semibold">"Admin console"</h1>
            <Transition fallback=|| view! { <div class="h-32 bg-slate-200 rounded animate-pulse" aria-busy="true"></div> }>
                {move || {
                    let me = state.session.get().map(|s| s.principal());
                    config.get().map(|result| match (result, me) {
                        (Err(e), _) => view! { <p class="text-red-700" role="alert">{e}</p> }.into_any(),
                        (Ok(config), Some(me)) if config.admins.contains(&me) => view! { <Console config/> }.into_any(),
                        _ => view! {
                            <p data-testid="admin-refused">"This console is for the platform's admins. Your account is not one of them."</p>
                        }.into_any(),
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Console(config: BackendConfig) -> impl IntoView {
    let decimals = config.payment.decimals;
    let rows = ContractType::ALL
        .into_iter()
        .filter_map(|kind| backend::settings_of(&config, kind).map(|s| (kind, s.clone())))
        .map(|(kind, settings)| view! { <TypeRow kind settings decimals/> })
        .collect_view();
    let whitelist = config
        .contract_types
        .iter()
        .filter_map(|(kind, s)| s.factory.map(|f| (*kind, f)))
        .map(|(kind, factory)| view! {
            <li class="text-sm"><span class="font-semibold">{type_name(kind)}</span>": "<span class="font-mono break-all" data-testid="admin-factory">{factory.to_text()}</span></li>
        })
        .collect_view();
    view! {
        <section class="space-y-2">
            <h2 class="text-lg font-semibold">"Fees and flags"</h2>
            <p class="text-sm text-slate-600">{format!(
                "Fees in the payment token's smallest unit shown as whole tokens; a fee must cover the cycles its deployment burns ({} cycles per token).",
                config.payment.cycles_per_token)}</p>
            <div class="space-y-3">{rows}</div>
        </section>
        <section class="space-y-2">
            <h2 class="text-lg font-semibold">"Factory whitelist"</h2>
            <p class="text-sm text-slate-600">"Only these canisters may report relationships to the registry."</p>
            <ul class="space-y-1">{whitelist}</ul>
        </section>
        <AuditLog/>
    }
}

#[component]
fn TypeRow(kind: ContractType, settings: ContractTypeSettings, decimals: u8) -> impl IntoView {
    let state = expect_context::<AppState>();
    let fee = RwSignal::new(format_amount(&settings.fee, decimals));
    let enabled = RwSignal::new(settings.enabled);
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let id = format!("fee-{}", type_name(kind).to_lowercase().replace(' ', "-"));
    let cycles = settings.cycles;
    let save = move |_| {
        let fee_units: Nat = match parse_amount(&fee.get_untracked(), decimals) {
            Ok(f) => f,
            Err(e) => return message.set(Some(Err(e))),
        };
        let new = ContractTypeSettings { fee: fee_units, enabled: enabled.get_untracked(), ..settings.clone() };
        let state = state.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let id = state.network.config.canisters.backend.ok_or("This network has no backend configured.")?;
                backend::set_contract_type(&backend::backend(state.agent()?, id), kind, new).await
            }
            .await;
            busy.set(false);
            match result {
                // The row already shows what was saved; reloading the config here would rebuild the rows
                // and drop this message.
                Ok(()) => message.set(Some(Ok("Saved.".into()))),
                Err(e) => message.set(Some(Err(e))),
            }
        });
    };
    view! {
        <form class="bg-white p-3 rounded-lg border border-slate-200 flex flex-wrap gap-3 items-end" data-testid="admin-type"
            data-type=type_name(kind) on:submit=move |ev| { ev.prevent_default(); save(()) }>
            <span class="font-semibold w-32">{type_name(kind)}</span>
            <div>
                <label class="block text-sm" for=id.clone()>"Fee"</label>
                <input id=id class="border rounded px-2 py-1 text-sm w-32" inputmode="decimal" data-testid="admin-fee"
                    prop:value=move || fee.get() on:input=move |ev| fee.set(event_target_value(&ev))/>
            </div>
            <span class="text-sm text-slate-600" data-testid="admin-cycles">{format!("burns {} cycles", group_digits(cycles))}</span>
            <label class="flex items-center gap-1 text-sm">
                <input type="checkbox" data-testid="admin-enabled" prop:checked=move || enabled.get()
                    on:change=move |ev| enabled.set(event_target_checked(&ev))/>"Enabled"
            </label>
            <button type="submit" class="px-3 py-1 rounded bg-indigo-600 text-white text-sm disabled:opacity-50"
                disabled=move || busy.get() data-testid="admin-save">"Save"</button>
            {move || message.get().map(|m| match m {
                Ok(t) => view! { <p class="text-sm text-green-800 w-full" role="status" data-testid="admin-saved">{t}</p> }.into_any(),
                Err(e) => view! { <p class="text-sm text-red-700 w-full" role="alert" data-testid="admin-error">{e}</p> }.into_any(),
            })}
        </form>
    }
}

fn group_digits(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[component]
fn AuditLog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let start = RwSignal::new(None::<u64>);
    let client = move || -> Result<Client, String> {
        let id = state.network.config.canisters.audit_storage.ok_or("This network has no audit storage configured.")?;
        Ok(Client::new(state.agent()?, id))
    };
    let client_for_check = client.clone();
    let check = LocalResource::new(move || {
        let client = client_for_check();
        async move { audit::verify(&client?).await }
    });
    let page = LocalResource::new(move || {
        let (client, start) = (client(), start.get());
        async move {
            let client = client?;
            // Newest first: without a start, read the total, then the last page.
            let total = audit::entries(&client, 0, 1).await?.total;
            let from = start.unwrap_or(total.saturating_sub(AUDIT_PAGE));
            let page = audit::entries(&client, from, AUDIT_PAGE).await?;
            Ok::<_, String>((from, page))
        }
    });
    view! {
        <section class="space-y-2">
            <h2 class="text-lg font-semibold">"Audit log"</h2>
            <Transition fallback=|| view! { <p class="text-sm">"Verifying the hash chain…"</p> }>
                {move || check.get().map(|c| match c {
                    Ok(ChainCheck::Verified { length }) => view! {
                        <p class="text-sm text-green-800 font-semibold" role="status" data-testid="audit-verified">
                            {format!("Verified: all {length} entries chain to the tip the IC certified.")}</p>
                    }.into_any(),
                    Ok(ChainCheck::BrokenAt(i)) => view! {
                        <p class="text-sm text-red-700 font-semibold" role="alert" data-testid="audit-broken">{format!("Broken at entry {i}.")}</p>
                    }.into_any(),
                    Ok(ChainCheck::TipMismatch) => view! {
                        <p class="text-sm text-red-700 font-semibold" role="alert" data-testid="audit-broken">"Broken: the entries are not the chain the IC certified."</p>
                    }.into_any(),
                    Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
                })}
            </Transition>
            <Transition fallback=|| view! { <div class="h-24 bg-slate-200 rounded animate-pulse"></div> }>
                {move || page.get().map(|p| match p {
                    Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
                    Ok((from, page)) => {
                        let total = page.total;
                        view! {
                            <ol class="bg-white rounded-lg border border-slate-200 divide-y text-sm">
                                {page.items.into_iter().rev().map(|e| view! {
                                    <li class="p-2 flex flex-wrap gap-x-3" data-testid="audit-entry">
                                        <span class="font-mono">{format!("#{}", e.index)}</span>
                                        <span>{format_time(e.time)}</span>
                                        <span class="font-semibold">{e.event.action.clone()}</span>
                                        <span class="break-all text-slate-700">{e.event.payload.clone()}</span>
                                    </li>
                                }).collect_view()}
                            </ol>
                            <nav class="flex items-center gap-3 text-sm" aria-label="Audit pages">
                                <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled={from + AUDIT_PAGE >= total}
                                    on:click=move |_| start.set(Some((from + AUDIT_PAGE).min(total.saturating_sub(1))))>"Newer"</button>
                                <span>{format!("entries {}–{} of {}", from, (from + AUDIT_PAGE).min(total).saturating_sub(1), total)}</span>
                                <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled={from == 0}
                                    on:click=move |_| start.set(Some(from.saturating_sub(AUDIT_PAGE)))>"Older"</button>
                            </nav>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

