//! The campaign's recipients, a page at a time.
use icto_shared::distribution::RecipientInfo;
use leptos::prelude::*;

use super::CampaignView;
use crate::format::short_principal;
use crate::ic::distribution;
use crate::state::AppState;

const PAGE: u64 = 20;

#[component]
pub fn RecipientsList(view: CampaignView) -> impl IntoView {
    let state = expect_context::<AppState>();
    let offset = RwSignal::new(0u64);
    let page = LocalResource::new({
        let id = view.id;
        move || {
            let (state, at) = (state.clone(), offset.get());
            async move { distribution::recipients(&distribution::contract(state.agent()?, id), at, PAGE).await }
        }
    });
    let names: Vec<String> = view.info.categories.iter().map(|c| c.name.clone()).collect();
    let row = move |r: RecipientInfo| {
        let owner = r.owner.to_text();
        view! {
            <li class="p-3 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="campaign-recipient" data-owner=owner.clone()>
                <span class="font-mono" title=owner.clone()>{short_principal(&owner)}</span>
                <span class="text-slate-600">{names.get(r.category as usize).cloned().unwrap_or_default()}</span>
                <span>{view.amount(&r.amount)}</span>
                <span class="text-slate-600">{format!("claimed {}", view.amount(&r.claimed))}</span>
            </li>
        }
    };
    view! {
        <section class="space-y-2">
            <h2 class="font-semibold">"Recipients"</h2>
            <Transition fallback=|| view! { <div class="h-16 bg-slate-200 rounded animate-pulse"></div> }>
                {move || page.get().map(|p| match p {
                    Err(e) => view! { <p class="text-sm text-red-700" role="alert">{e}</p> }.into_any(),
                    Ok(p) => {
                        let at = offset.get_untracked();
                        let total = p.total;
                        let shown = p.items.len() as u64;
                        let row = row.clone();
                        view! {
                            <ul class="bg-white rounded-lg border border-slate-200 divide-y">
                                {p.items.into_iter().map(row).collect_view()}
                            </ul>
                            <div class="flex flex-wrap items-center gap-2 text-sm">
                                <span aria-live="polite">{if total == 0 { "No recipients.".to_string() } else { format!("{}–{} of {total}", at + 1, at + shown) }}</span>
                                <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled={at == 0}
                                    on:click=move |_| offset.set(at.saturating_sub(PAGE))>"Previous"</button>
                                <button type="button" class="px-3 py-1 rounded border disabled:opacity-50" disabled={at + shown >= total}
                                    on:click=move |_| offset.set(at + PAGE)>"Next"</button>
                            </div>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
