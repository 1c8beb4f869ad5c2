//! Which token the campaign distributes: the payment token, one of my tokens from the token factory, or a
//! ledger id pasted; its symbol, decimals and fee read from the ledger.
use icto_shared::token_factory::TokenPage;
use leptos::prelude::*;

use crate::format::format_amount;
use crate::ic::icrc::TokenInfo;

#[component]
pub fn TokenPicker(
    choice: Signal<String>,
    other: Signal<String>,
    mine: LocalResource<Result<TokenPage, String>>,
    info: LocalResource<Option<Result<TokenInfo, String>>>,
    on_choice: Callback<String>,
    on_other: Callback<String>,
) -> impl IntoView {
    let options = move || {
        mine.get().and_then(|r| r.ok()).map(|page| {
            page.items
                .into_iter()
                .map(|t| {
                    let id = t.canister_id.to_text();
                    let selected = { let id = id.clone(); move || choice.get() == id };
                    view! { <option value=id selected=selected>{format!("{} ({}) — one of my tokens", t.name, t.symbol)}</option> }
                })
                .collect_view()
        })
    };
    let is_other = Memo::new(move |_| choice.get() == "other");
    let read = move || {
        info.get().map(|r| match r {
            None => view! { <p class="text-sm text-slate-600">"Paste a ledger id to read its token."</p> }.into_any(),
            Some(Ok(t)) => view! {
                <p class="text-sm text-slate-700" data-testid="campaign-token-info">
                    {format!("{} ({}): {} decimals, ledger fee {} {}", t.name, t.symbol, t.decimals, format_amount(&t.fee, t.decimals), t.symbol)}
                </p>
            }.into_any(),
            Some(Err(e)) => view! { <p class="text-sm text-red-700" role="alert" data-testid="campaign-token-error">{e}</p> }.into_any(),
        })
    };
    view! {
        <div class="space-y-2">
            <label class="block text-sm font-medium" for="campaign-token">"Token to distribute"</label>
            <select id="campaign-token" class="w-full border rounded px-2 py-1 text-sm" data-testid="campaign-token"
                on:change=move |ev| on_choice.run(event_target_value(&ev))>
                <option value="" selected=move || choice.get().is_empty()>"The payment token"</option>
                {options}
                <option value="other" selected=move || choice.get() == "other">"Another token (paste its ledger id)"</option>
            </select>
            {move || is_other.get().then(|| view! {
                <div>
                    <label class="block text-sm font-medium" for="campaign-token-other">"Ledger canister id"</label>
                    <input id="campaign-token-other" class="mt-1 w-full border rounded px-2 py-1 text-sm font-mono" data-testid="campaign-token-other"
                        prop:value=move || other.get() on:input=move |ev| on_other.run(event_target_value(&ev))/>
                </div>
            })}
            <div aria-live="polite">
                <Transition fallback=|| view! { <p class="h-5 w-64 bg-slate-200 rounded animate-pulse"></p> }>{read}</Transition>
            </div>
        </div>
    }
}
