//! A distribution campaign's page (`/distributions/:id`): title, status, token, each category's schedule
//! (chart), totals; the creator's funding, activation and pause/resume/cancel; my allocation and claim;
//! the recipients, a page at a time.
pub mod creator_actions;
pub mod funding;
pub mod my_allocation;
pub mod recipients_list;
pub mod registration;

use candid::{Nat, Principal};
use icto_shared::distribution::{CampaignInfo, CampaignStatus, ClaimRecord, RecipientInfo};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::browser::set_page_title;
use crate::components::vesting_chart::VestingChart;
use crate::format::format_amount;
use crate::ic::distribution::{self, status_name};
use crate::ic::errors::readable;
use crate::ic::icrc::{self, TokenInfo};
use crate::pages::distribution_new::schedule_form::describe_schedule;
use crate::state::AppState;
use creator_actions::CreatorActions;
use funding::Funding;
use my_allocation::MyAllocation;
use recipients_list::RecipientsList;
use registration::RegistrationPanel;

/// What the page reads: the campaign, its token, and what the contract holds of it.
#[derive(Clone)]
pub struct CampaignView {
    pub id: Principal,
    pub info: CampaignInfo,
    pub token: TokenInfo,
    pub balance: Nat,
}

impl CampaignView {
    pub fn amount(&self, n: &Nat) -> String {
        format!("{} {}", format_amount(n, self.token.decimals), self.token.symbol)
    }
}

async fn load(state: AppState, id: Result<Principal, String>) -> Result<CampaignView, String> {
    let id = id?;
    let connection = state.agent()?;
    let info = distribution::get_campaign(&distribution::contract(connection.clone(), id)).await?;
    let ledger = icrc::ledger(connection, info.token_ledger);
    let (token, balance) = futures::join!(icrc::token_info(&ledger), icrc::balance_of(&ledger, id));
    let token = token.map_err(|e| readable("The campaign's token ledger", &e))?;
    let balance = balance.map_err(|e| readable("The campaign's token ledger", &e))?;
    Ok(CampaignView { id, info, token, balance })
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    set_page_title("Distribution campaign");
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        let text = params.read().get("id").unwrap_or_default();
        Principal::from_text(&text).map_err(|_| format!("“{text}” is not a campaign id. Check the address."))
    });
    // Bumped after an action so the campaign is read again.
    let refresh = RwSignal::new(0u32);
    let data = LocalResource::new({
        let state = state.clone();
        move || {
            refresh.track();
            state.session.track();
            load(state.clone(), id.get())
        }
    });
    let me = Signal::derive(move || state.session.get().map(|s| s.principal()));
    // Actions' outcomes outlive the page's parts, which are built again from the campaign read after them.
    let outcomes = Outcomes { claim: RwSignal::new(None), register: RwSignal::new(None) };
    view! {
        <Transition fallback=|| view! {
            <div class="space-y-3" aria-busy="true" aria-label="Loading the campaign" data-testid="campaign-loading">
                <div class="h-8 w-64 bg-slate-200 rounded animate-pulse"></div>
                <div class="h-32 bg-slate-200 rounded animate-pulse"></div>
            </div>
        }>
            {move || data.get().map(|result| match result {
                Err(error) => {
                    set_page_title("Campaign not available");
                    view! {
                        <div class="space-y-3">
                            <h1 class="text-2xl font-semibold">"Campaign not available"</h1>
                            <p class="text-red-700" role="alert" data-testid="campaign-error">{error}</p>
                            <A href="/" attr:class="text-indigo-700 underline">"Back to the dashboard"</A>
                        </div>
                    }.into_any()
                }
                Ok(view) => view! { <Campaign view me=me.get() refresh outcomes/> }.into_any(),
            })}
        </Transition>
    }
}

/// What the last claim and registration answered (a sentence when refused or failed).
#[derive(Clone, Copy)]
pub struct Outcomes {
    pub claim: RwSignal<Option<Result<ClaimRecord, String>>>,
    pub register: RwSignal<Option<Result<RecipientInfo, String>>>,
}

#[component]
fn Campaign(view: CampaignView, me: Option<Principal>, refresh: RwSignal<u32>, outcomes: Outcomes) -> impl IntoView {
    set_page_title(&format!("{} · Distribution", view.info.title));
    let info = &view.info;
    let creator = me == Some(info.creator);
    let status = info.status;
    view! {
        <article class="space-y-6" data-testid="campaign" data-id=view.id.to_text()>
            <header class="space-y-1">
                <h1 class="text-2xl font-semibold break-words" data-testid="campaign-title">{info.title.clone()}</h1>
                <p class="text-sm">
                    <span class=move || match status {
                        CampaignStatus::Active => "px-2 py-0.5 rounded bg-green-100 text-green-900",
                        CampaignStatus::Created => "px-2 py-0.5 rounded bg-amber-100 text-amber-900",
                        _ => "px-2 py-0.5 rounded bg-slate-200 text-slate-900",
                    } data-testid="campaign-status" data-status=format!("{status:?}")>{status_name(status)}</span>
                    {creator.then(|| view! { <span class="ml-2 text-slate-600">"You created it."</span> })}
                </p>
                <p class="text-sm text-slate-700 break-all">"Token: "
                    <A href=format!("/tokens/{}", info.token_ledger) attr:class="underline text-indigo-700">
                        {format!("{} ({})", view.token.name, view.token.symbol)}</A></p>
            </header>
            <section class="bg-white p-4 rounded-lg border border-slate-200">
                <h2 class="font-semibold">"Totals"</h2>
                <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm mt-2">
                    <dt class="text-slate-600">"Allocated"</dt><dd data-testid="campaign-allocated">{view.amount(&info.totals.allocated)}</dd>
                    <dt class="text-slate-600">"Claimed"</dt><dd data-testid="campaign-claimed">{view.amount(&info.totals.claimed)}</dd>
                    <dt class="text-slate-600">"Recipient rows"</dt><dd data-testid="campaign-recipients">{info.totals.recipients}</dd>
                </dl>
            </section>
            {info.registration.clone().map(|r| view! {
                <RegistrationPanel view=view.clone() r me refresh outcome=outcomes.register/>
            })}
            {(creator && status == CampaignStatus::Created).then(|| view! { <Funding view=view.clone() refresh/> })}
            {creator.then(|| view! { <CreatorActions view=view.clone() refresh/> })}
            {me.map(|_| view! { <MyAllocation view=view.clone() refresh outcome=outcomes.claim/> })}
            <section class="space-y-3">
                <h2 class="font-semibold">"Vesting"</h2>
                {info.categories.iter().enumerate().map(|(i, c)| view! {
                    <div class="bg-white p-4 rounded-lg border border-slate-200 space-y-2">
                        <h3 class="font-medium">{format!("{}. {}", i + 1, c.name)}</h3>
                        <p class="text-sm text-slate-700">{describe_schedule(&c.schedule)}</p>
                        <VestingChart schedule=c.schedule.clone() label=c.name.clone()/>
                    </div>
                }).collect_view()}
            </section>
            <RecipientsList view=view.clone()/>
        </article>
    }
}
