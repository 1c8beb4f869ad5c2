//! The creator's pause, resume and cancel, where the campaign allows them (cancel asks to be confirmed).
use icto_shared::distribution::{CampaignStatus, RefundState};
use leptos::prelude::*;

use super::CampaignView;
use crate::ic::distribution::{self, describe_simple};
use crate::state::AppState;

#[component]
pub fn CreatorActions(view: CampaignView, refresh: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let info = &view.info;
    let status = info.status;
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let call = {
        let view = view.clone();
        move |method: &'static str| {
            let (state, view) = (state.clone(), view.clone());
            busy.set(true);
            message.set(None);
            leptos::task::spawn_local(async move {
                let outcome = match state.agent() {
                    Ok(c) => distribution::creator_call(&distribution::contract(c, view.id), method).await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                match outcome {
                    Ok(Ok(_)) => refresh.update(|n| *n += 1),
                    Ok(Err(e)) => message.set(Some(describe_simple(&e, view.token.decimals, &view.token.symbol))),
                    Err(e) => message.set(Some(e)),
                }
            });
        }
    };
    let can_pause = info.allow_pause && status == CampaignStatus::Active;
    let can_resume = info.allow_pause && status == CampaignStatus::Paused;
    // Before activation nobody holds a claim: the creator may always cancel and take the balance back.
    let can_cancel = (status == CampaignStatus::Created && info.refund.is_none())
        || (info.allow_cancel && matches!(status, CampaignStatus::Active | CampaignStatus::Paused));
    let refund = info.refund.as_ref().map(|r| match &r.state {
        RefundState::Paid { block } => format!("Returned to you on cancel: {} (ledger block {block}).", view.amount(&r.amount)),
        RefundState::Pending => format!("Returning {} to you: not confirmed yet; cancel again to retry.", view.amount(&r.amount)),
        RefundState::Failed { .. } => format!("Returning {} to you failed; cancel again to retry.", view.amount(&r.amount)),
        RefundState::NothingToSend => "Nothing was left to return on cancel.".to_string(),
    });
    if !(can_pause || can_resume || can_cancel) && refund.is_none() {
        return ().into_any();
    }
    let button = "px-4 py-2 rounded border disabled:opacity-50";
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" data-testid="campaign-creator-actions">
            <h2 class="font-semibold">"Manage"</h2>
            <div class="flex flex-wrap gap-2">
                {can_pause.then(|| { let call = call.clone(); view! {
                    <button type="button" class=button data-testid="campaign-pause" disabled=move || busy.get()
                        on:click=move |_| call("pause")>"Pause claims"</button>
                }})}
                {can_resume.then(|| { let call = call.clone(); view! {
                    <button type="button" class=button data-testid="campaign-resume" disabled=move || busy.get()
                        on:click=move |_| call("resume")>"Resume claims"</button>
                }})}
                {can_cancel.then(|| { let call = call.clone(); view! {
                    <button type="button" class=button data-testid="campaign-cancel" disabled=move || busy.get()
                        on:click=move |_| if confirming.get_untracked() { confirming.set(false); call("cancel") } else { confirming.set(true) }>
                        {move || if confirming.get() { "Confirm: cancel the campaign" } else { "Cancel the campaign" }}</button>
                }})}
            </div>
            {move || confirming.get().then(|| view! {
                <p class="text-sm text-amber-800" role="alert">{if status == CampaignStatus::Created {
                    "Cancelling before activation sends what the campaign holds back to you (minus the ledger fee). It cannot be undone."
                } else {
                    "Cancelling stops vesting now: what has vested stays claimable, the rest comes back to you. It cannot be undone."
                }}</p>
            })}
            {refund.map(|r| view! { <p class="text-sm">{r}</p> })}
            <p class="text-sm text-red-700" role="alert" aria-live="polite">{move || message.get()}</p>
        </section>
    }.into_any()
}
