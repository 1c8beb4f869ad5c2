//! The review's "what will be created": the campaign, each category's schedule (chart), the recipients and
//! what the creator will have to send the campaign before activating it.
use icto_shared::distribution::CampaignConfig;
use leptos::prelude::*;

use super::form::{registrants_max, to_fund};
use crate::browser::local_time;
use super::schedule_form::describe_schedule;
use crate::components::vesting_chart::VestingChart;
use crate::format::format_amount;
use crate::ic::icrc::TokenInfo;

#[component]
pub fn CampaignSummary(config: CampaignConfig, info: TokenInfo) -> impl IntoView {
    let amount = |n: &candid::Nat| format!("{} {}", format_amount(n, info.decimals), info.symbol);
    let allocated = config.recipients.iter().fold(candid::Nat::from(0u8), |s, r| s + r.amount.clone());
    let fund = to_fund(&config, &info.fee);
    let registration = config.registration.clone().map(|r| {
        let category = config.categories.get(r.category as usize).map(|c| c.name.clone()).unwrap_or_default();
        let who = if r.whitelist_only { format!(", whitelisted principals only ({} now)", r.whitelist.len()) } else { String::new() };
        format!("{} places of {} ({category}), from {} to {} your time{who}",
            r.max_registrants, amount(&r.amount), local_time(r.opens_at), local_time(r.closes_at))
    });
    let most = registrants_max(&config, &info.fee);
    let options = match (config.allow_pause, config.allow_cancel) {
        (true, true) => "you may pause and cancel",
        (true, false) => "you may pause; no cancel",
        (false, true) => "you may cancel; no pause",
        (false, false) => "no pause, no cancel",
    };
    view! {
        <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt class="text-slate-600">"Campaign"</dt><dd data-testid="review-campaign">{config.title.clone()}</dd>
            <dt class="text-slate-600">"Token"</dt><dd class="break-all">{format!("{} ({})", info.symbol, info.ledger)}</dd>
            <dt class="text-slate-600">"Recipients"</dt><dd data-testid="review-recipients">{format!("{} rows", config.recipients.len())}</dd>
            <dt class="text-slate-600">"Allocated"</dt><dd data-testid="review-allocated">{amount(&allocated)}</dd>
            {registration.map(|r| view! {
                <dt class="text-slate-600">"Self-registration"</dt><dd data-testid="review-registration">{r}</dd>
            })}
            <dt class="text-slate-600">{if most > 0u8 { "To fund (at most)" } else { "To fund" }}</dt><dd class="font-semibold" data-testid="review-fund-total">{amount(&fund)}</dd>
            <dt class="text-slate-600">"Options"</dt><dd>{options}</dd>
        </dl>
        <p class="text-xs text-slate-600">{format!(
            "After it is created, send the campaign {} (the allocations plus one {} ledger fee per recipient row, which pays each row's claims) from its page, then activate it.",
            amount(&fund), amount(&info.fee))}</p>
        {(most > 0u8).then(|| view! { <p class="text-xs text-slate-600" data-testid="review-registration-max">{format!(
            "This is the most: it counts every place taken ({} including each one's ledger fee). You fund only for those who registered, once registration has closed.",
            amount(&most))}</p> })}
        <ul class="space-y-3">
            {config.categories.iter().enumerate().map(|(i, c)| view! {
                <li class="space-y-1">
                    <p class="text-sm"><span class="font-medium">{format!("{}. {}", i + 1, c.name)}</span>" — "{describe_schedule(&c.schedule)}</p>
                    <VestingChart schedule=c.schedule.clone() label=c.name.clone()/>
                </li>
            }).collect_view()}
        </ul>
    }
}
