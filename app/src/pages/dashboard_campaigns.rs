//! The dashboard's campaigns: those I created and those I receive from (the distribution factory's
//! indexes, read in the dashboard's one round), each linked to its page, with what to do when there are none.
use icto_shared::distribution_factory::{CampaignPage, CampaignRecord};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::format::format_utc;

#[component]
pub fn Campaigns(created: Result<CampaignPage, String>, receiving: Result<CampaignPage, String>) -> impl IntoView {
    view! {
        <section class="space-y-3">
            <div class="flex flex-wrap items-center gap-3">
                <h2 class="text-lg font-semibold">"Distribution campaigns"</h2>
                <A href="/distributions/new" attr:class="ml-auto px-3 py-1 rounded bg-indigo-600 text-white text-sm"
                    attr:data-testid="dashboard-new-campaign">"Create a campaign"</A>
            </div>
            <div class="grid sm:grid-cols-2 gap-4">
                <CampaignList heading="Campaigns I created" testid="campaigns-created" page=created
                    empty=view! { "None yet. "<A href="/distributions/new" attr:class="underline text-indigo-700">"Create a campaign"</A>
                        " to send a token to many people, vesting over time." }.into_any()/>
                <CampaignList heading="Campaigns where I am a recipient" testid="campaigns-recipient" page=receiving
                    empty=view! { "None yet: when someone lists you in a campaign, it shows here and you can claim from it." }.into_any()/>
            </div>
        </section>
    }
}

#[component]
fn CampaignList(heading: &'static str, testid: &'static str, page: Result<CampaignPage, String>, empty: AnyView) -> impl IntoView {
    let page = page.map(|p| (p.items.into_iter().map(|c| item(c).into_any()).collect(), p.total));
    view! { <IndexList heading testid page empty/> }
}

/// One of the dashboard's lists read from a factory index: its items, "and N more", or what to do when empty.
#[component]
pub fn IndexList(heading: &'static str, testid: &'static str, page: Result<(Vec<AnyView>, u64), String>, empty: AnyView) -> impl IntoView {
    let body = match page {
        Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
        Ok((items, _)) if items.is_empty() => view! { <p class="text-sm text-slate-700" data-testid=format!("{testid}-empty")>{empty}</p> }.into_any(),
        Ok((items, total)) => {
            let more = total.saturating_sub(items.len() as u64);
            view! {
                <ul class="space-y-1">{items}</ul>
                {(more > 0).then(|| view! { <p class="text-xs text-slate-600">{format!("and {more} more")}</p> })}
            }.into_any()
        }
    };
    view! {
        <div class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" data-testid=testid>
            <h3 class="font-semibold">{heading}</h3>
            {body}
        </div>
    }
}

fn item(c: CampaignRecord) -> impl IntoView {
    view! {
        <li class="text-sm">
            <A href=format!("/distributions/{}", c.canister_id) attr:class="underline text-indigo-700 break-words"
                attr:data-testid="campaign-item">{c.title}</A>
            <span class="text-slate-600">{format!(" · created {}", format_utc(c.created_at))}</span>
        </li>
    }
}
