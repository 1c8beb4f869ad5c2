//! The dashboard (home once logged in): everything I own or take part in, my payment-token balance and my
//! recent payments, read in ONE parallel round (no query waits on another's answer).
use std::collections::BTreeMap;

use candid::{Nat, Principal};
use icto_shared::backend::RelatedCanisters;
use icto_shared::contract::ContractType;
use icto_shared::distribution_factory::CampaignPage;
use icto_shared::invoice::InvoicePage;
use icto_shared::multisig_factory::WalletPage;
use icto_shared::role::Role;
use icto_shared::token_factory::TokenPage;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::performance_mark;
use crate::format::format_amount;
use crate::ic::backend::{self, type_name};
use crate::ic::errors::readable;
use crate::ic::icrc::{self, TokenInfo};
use crate::ic::{distribution_factory, factory, invoice, multisig_factory};
use crate::pages::payments::{format_time, InvoiceStatusBadge};
use crate::state::AppState;

const RECENT_PAYMENTS: u64 = 5;

#[derive(Clone)]
struct DashboardData {
    related: Result<RelatedCanisters, String>,
    tokens: Result<TokenPage, String>,
    balance: Result<(Nat, TokenInfo), String>,
    invoices: Result<InvoicePage, String>,
    created: Result<CampaignPage, String>,
    receiving: Result<CampaignPage, String>,
    signing: Result<WalletPage, String>,
    observing: Result<WalletPage, String>,
}

async fn load(state: AppState, me: Principal) -> Result<DashboardData, String> {
    let ids = &state.network.config.canisters;
    let connection = state.agent()?;
    let registry = ids.backend.map(|id| backend::backend(connection.clone(), id));
    let token_factory = factory_client(&connection, ids.token_factory);
    let ledger = icrc::ledger(connection.clone(), ids.payment_ledger);
    let invoices_client = ids.invoice_storage.map(|id| crate::ic::agent::Client::new(connection.clone(), id));
    let campaigns_client = ids.distribution_factory.map(|id| crate::ic::agent::Client::new(connection.clone(), id));
    let no_campaigns = || Err("Distribution campaigns are not available on this network yet.".to_string());
    let wallets_client = ids.multisig_factory.map(|id| crate::ic::agent::Client::new(connection.clone(), id));
    let wallets = |method: &'static str| {
        let client = &wallets_client;
        async move {
            match client {
                Some(c) => multisig_factory::wallets_by(c, method, me).await,
                None => Err("Multisig wallets are not available on this network yet.".to_string()),
            }
        }
    };
    // One round: every query starts now.
    let (related, tokens, balance, info, invoices, created, receiving, signing, observing) = futures::join!(
        async {
            match &registry {
                Some(c) => backend::related_canisters(c, me).await,
                None => Err("This network has no backend configured.".to_string()),
            }
        },
        factory::my_tokens(&token_factory, me),
        icrc::balance_of(&ledger, me),
        icrc::token_info(&ledger),
        async {
            match &invoices_client {
                Some(c) => invoice::my_invoices(c, 0, RECENT_PAYMENTS).await,
                None => Err("This network has no invoice storage configured.".to_string()),
            }
        },
        async {
            match &campaigns_client {
                Some(c) => distribution_factory::by_creator(c, me).await,
                None => no_campaigns(),
            }
        },
        async {
            match &campaigns_client {
                Some(c) => distribution_factory::by_recipient(c, me).await,
                None => no_campaigns(),
            }
        },
        wallets("wallets_by_signer"),
        wallets("wallets_by_observer"),
    );
    let balance = match (balance, info) {
        (Ok(b), Ok(i)) => Ok((b, i)),
        (Err(e), _) | (_, Err(e)) => Err(readable("The payment ledger", &e)),
    };
    Ok(DashboardData { related, tokens: tokens.map_err(|e| readable("The token factory", &e)), balance, invoices, created, receiving, signing, observing })
}

fn factory_client(connection: &crate::ic::agent::Connection, id: Principal) -> crate::ic::agent::Client {
    crate::ic::agent::Client::new(connection.clone(), id)
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Owner => "Owner",
        Role::Recipient => "Recipient",
        Role::Signer => "Signer",
        Role::Observer => "Observer",
        Role::Member => "Member",
        Role::Participant => "Participant",
    }
}

#[component]
pub fn Dashboard(me: Principal) -> impl IntoView {
    let state = expect_context::<AppState>();
    performance_mark("dashboard-start");
    let data = LocalResource::new(move || load(state.clone(), me));
    Effect::new(move |_| {
        if data.get().is_some() {
            // Effects run after the DOM is updated: everything below has rendered.
            performance_mark("dashboard-rendered");
        }
    });
    view! {
        <div class="space-y-6" data-testid="dashboard">
            <Suspense fallback=|| view! { <Skeletons/> }>
                {move || data.get().map(|result| match result {
                    Err(e) => view! { <p class="text-red-700" role="alert">{e}</p> }.into_any(),
                    Ok(d) => view! { <Loaded data=d/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Skeletons() -> impl IntoView {
    view! {
        <div class="space-y-4" data-testid="dashboard-loading" aria-busy="true" aria-label="Loading your dashboard">
            <div class="h-16 bg-slate-200 rounded animate-pulse"></div>
            <div class="h-32 bg-slate-200 rounded animate-pulse"></div>
            <div class="h-24 bg-slate-200 rounded animate-pulse"></div>
            <div class="h-24 bg-slate-200 rounded animate-pulse"></div>
        </div>
    }
}

#[component]
fn Loaded(data: DashboardData) -> impl IntoView {
    let DashboardData { related, tokens, balance, invoices, created, receiving, signing, observing } = data;
    let unit = balance.as_ref().map(|(_, i)| (i.decimals, i.symbol.clone())).unwrap_or((8, String::new()));
    let balance_view = match balance {
        Ok((amount, info)) => view! {
            <p class="text-2xl font-semibold" data-testid="dashboard-balance">{format!("{} {}", format_amount(&amount, info.decimals), info.symbol)}</p>
        }.into_any(),
        Err(e) => view! { <p class="text-red-700" role="alert">{e}</p> }.into_any(),
    };
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200">
            <h2 class="text-sm text-slate-600">"Payment token balance"</h2>
            {balance_view}
        </section>
        <Contracts related tokens/>
        <crate::pages::dashboard_campaigns::Campaigns created receiving/>
        <crate::pages::dashboard_wallets::Wallets signing observing/>
        <RecentPayments invoices unit/>
    }
}

/// My contracts, grouped by type and role: the registry says how I relate to each, the factories name them.
#[component]
fn Contracts(related: Result<RelatedCanisters, String>, tokens: Result<TokenPage, String>) -> impl IntoView {
    let names: BTreeMap<Principal, String> = tokens
        .as_ref()
        .map(|page| page.items.iter().map(|t| (t.canister_id, format!("{} ({})", t.name, t.symbol))).collect())
        .unwrap_or_default();
    // Tokens the factory lists as mine count as owned even before the registry has heard of them.
    let mut groups: BTreeMap<(ContractType, Role), Vec<Principal>> = BTreeMap::new();
    if let Ok(related) = &related {
        for g in &related.groups {
            groups.entry((g.contract_type, g.role)).or_default().extend(g.canisters.iter().copied());
        }
    }
    if let Ok(page) = &tokens {
        let owned = groups.entry((ContractType::Token, Role::Owner)).or_default();
        for t in &page.items {
            if !owned.contains(&t.canister_id) {
                owned.push(t.canister_id);
            }
        }
    }
    groups.retain(|_, v| !v.is_empty());
    let errors: Vec<String> = [related.err(), tokens.err()].into_iter().flatten().collect();
    let empty = groups.is_empty();
    view! {
        <section class="space-y-3">
            <div class="flex flex-wrap items-center gap-3">
                <h2 class="text-lg font-semibold">"My contracts"</h2>
                <A href="/deploy/token" attr:class="ml-auto px-3 py-1 rounded bg-indigo-600 text-white text-sm">"Deploy a token"</A>
            </div>
            {errors.into_iter().map(|e| view! { <p class="text-red-700 text-sm" role="alert">{e}</p> }).collect_view()}
            {empty.then(|| view! {
                <p class="text-slate-700" data-testid="dashboard-empty">"You have no contracts yet. "
                    <A href="/deploy/token" attr:class="underline text-indigo-700">"Deploy your first token"</A>
                    " — it takes a minute and the fee is shown before you pay."</p>
            })}
            {groups.into_iter().map(|((kind, role), canisters)| view! {
                <div class="bg-white p-4 rounded-lg border border-slate-200" data-testid="contract-group"
                    data-type=type_name(kind) data-role=role_name(role)>
                    <h3 class="font-semibold">{format!("{} · {}", type_name(kind), role_name(role))}</h3>
                    <ul class="mt-2 space-y-1">
                        {canisters.into_iter().map(|id| {
                            let label = names.get(&id).cloned().unwrap_or_else(|| id.to_text());
                            match kind {
                                ContractType::Token => view! {
                                    <li><A href=format!("/tokens/{id}") attr:class="underline text-indigo-700 break-all"
                                        attr:data-testid="dashboard-item">{label}</A></li>
                                }.into_any(),
                                ContractType::Multisig => view! {
                                    <li><A href=format!("/wallets/{id}") attr:class="underline text-indigo-700 break-all font-mono text-sm"
                                        attr:data-testid="dashboard-item">{label}</A></li>
                                }.into_any(),
                                ContractType::Distribution => view! {
                                    <li><A href=format!("/distributions/{id}") attr:class="underline text-indigo-700 break-all font-mono text-sm"
                                        attr:data-testid="dashboard-item">{label}</A></li>
                                }.into_any(),
                                _ => view! { <li class="font-mono text-sm break-all" data-testid="dashboard-item">{label}</li> }.into_any(),
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
        </section>
    }
}

#[component]
fn RecentPayments(invoices: Result<InvoicePage, String>, unit: (u8, String)) -> impl IntoView {
    view! {
        <section class="space-y-2">
            <div class="flex items-center gap-3">
                <h2 class="text-lg font-semibold">"Recent payments"</h2>
                <A href="/payments" attr:class="ml-auto underline text-indigo-700 text-sm">"All payments"</A>
            </div>
            {match invoices {
                Err(e) => view! { <p class="text-red-700 text-sm" role="alert">{e}</p> }.into_any(),
                Ok(page) if page.items.is_empty() => view! {
                    <p class="text-slate-700" data-testid="payments-empty">"No payments yet: fees you pay for deployments show here."</p>
                }.into_any(),
                Ok(page) => view! {
                    <ul class="bg-white rounded-lg border border-slate-200 divide-y">
                        {page.items.into_iter().map(|i| view! {
                            <li class="p-3 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="dashboard-payment">
                                <span>{format_time(i.created_at)}</span>
                                <span>{type_name(i.contract_type)}</span>
                                <span class="font-mono">{format!("{} {}", format_amount(&i.amount, unit.0), unit.1)}</span>
                                <InvoiceStatusBadge status=i.status/>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
