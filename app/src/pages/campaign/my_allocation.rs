//! My allocation in a campaign (vested, claimed, claimable, read fresh on demand) and the Claim button with
//! its outcome: what I received and the ledger block, or why not, in words.
use candid::Nat;
use icto_shared::distribution::{Allocation, CampaignStatus, ClaimRecord, ClaimState};
use leptos::prelude::*;

use super::CampaignView;
use crate::ic::distribution::{self, describe_simple};
use crate::state::AppState;

fn sum(rows: &[Allocation], field: fn(&Allocation) -> &Nat) -> Nat {
    rows.iter().fold(Nat::from(0u8), |s, r| s + field(r).clone())
}

#[component]
pub fn MyAllocation(
    view: CampaignView,
    /// The page's: after a claim the campaign (totals, recipients) is read again with my allocation.
    refresh: RwSignal<u32>,
    outcome: RwSignal<Option<Result<ClaimRecord, String>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let reload = RwSignal::new(0u32);
    let rows = LocalResource::new({
        let (state, id) = (state.clone(), view.id);
        move || {
            reload.track();
            let state = state.clone();
            async move { distribution::my_allocation(&distribution::contract(state.agent()?, id)).await }
        }
    });
    let busy = RwSignal::new(false);
    let active = view.info.status == CampaignStatus::Active;
    let claim = {
        let view = view.clone();
        move |_| {
            let (state, view) = (state.clone(), view.clone());
            busy.set(true);
            outcome.set(None);
            leptos::task::spawn_local(async move {
                let answer = match state.agent() {
                    Ok(c) => distribution::claim(&distribution::contract(c, view.id)).await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                outcome.set(Some(match answer {
                    Ok(Ok(record)) => Ok(record),
                    Ok(Err(e)) => Err(describe_simple(&e, view.token.decimals, &view.token.symbol)),
                    Err(e) => Err(e),
                }));
                refresh.update(|n| *n += 1);
            });
        }
    };
    let amount = {
        let view = view.clone();
        move |n: &Nat| view.amount(n)
    };
    let result_view = {
        let amount = amount.clone();
        move || outcome.get().map(|o| match o {
            Ok(record) => match &record.state {
                ClaimState::Paid { block } => view! {
                    <p class="text-sm text-green-800" data-testid="claim-outcome">"Received "
                        <span class="font-semibold" data-testid="claim-received">{amount(&record.received)}</span>
                        " (ledger block "<span data-testid="claim-block">{block.to_string()}</span>")."</p>
                }.into_any(),
                ClaimState::Pending => view! {
                    <p class="text-sm text-amber-800" data-testid="claim-outcome">{format!("Your claim of {} is waiting for the ledger; it will show here once paid.", amount(&record.amount))}</p>
                }.into_any(),
                ClaimState::Failed { .. } => view! {
                    <p class="text-sm text-red-700" data-testid="claim-outcome">{format!("The ledger refused the transfer of {}; it stays claimable. Try again.", amount(&record.amount))}</p>
                }.into_any(),
            },
            Err(e) => view! { <p class="text-sm text-red-700" data-testid="claim-error">{e}</p> }.into_any(),
        })
    };
    let body = move || {
        let amount = amount.clone();
        let claim = claim.clone();
        rows.get().map(move |r| match r {
            Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
            Ok(rows) if rows.is_empty() => view! {
                <p class="text-sm text-slate-700" data-testid="my-allocation-none">"You have no allocation in this campaign."</p>
            }.into_any(),
            Ok(rows) => {
                let claimable = sum(&rows, |r| &r.claimable);
                let can_claim = active && claimable > 0u8;
                view! {
                    <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                        <dt class="text-slate-600">"Allocated to me"</dt><dd data-testid="my-amount">{amount(&sum(&rows, |r| &r.amount))}</dd>
                        <dt class="text-slate-600">"Vested"</dt><dd data-testid="my-vested">{amount(&sum(&rows, |r| &r.vested))}</dd>
                        <dt class="text-slate-600">"Claimed"</dt><dd data-testid="my-claimed">{amount(&sum(&rows, |r| &r.claimed))}</dd>
                        <dt class="text-slate-600">"Claimable now"</dt><dd class="font-semibold" data-testid="my-claimable">{amount(&claimable)}</dd>
                    </dl>
                    <div class="flex flex-wrap gap-2">
                        <button type="button" class="px-4 py-2 rounded bg-indigo-600 text-white disabled:opacity-50" data-testid="claim"
                            disabled=move || busy.get() || !can_claim on:click=claim>
                            {move || if busy.get() { "Claiming…" } else { "Claim" }}</button>
                        <button type="button" class="px-4 py-2 rounded border" data-testid="my-allocation-refresh"
                            on:click=move |_| reload.update(|n| *n += 1)>"Update"</button>
                    </div>
                    {(!active).then(|| view! { <p class="text-xs text-slate-600">"Claims open while the campaign is active."</p> })}
                }.into_any()
            }
        })
    };
    view! {
        <section class="bg-white p-4 rounded-lg border border-slate-200 space-y-2" data-testid="my-allocation">
            <h2 class="font-semibold">"My allocation"</h2>
            <Transition fallback=|| view! { <div class="h-16 bg-slate-200 rounded animate-pulse"></div> }>{body}</Transition>
            <div role="status" aria-live="polite">{result_view}</div>
        </section>
    }
}
