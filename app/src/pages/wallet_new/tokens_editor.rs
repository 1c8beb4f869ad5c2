//! The tokens the wallet shows: a ledger id each (the payment token first), its symbol read from the
//! ledger, and an optional daily limit in token units.
use candid::Principal;
use icto_shared::multisig::limits;
use leptos::prelude::*;

use super::form::TokenRow;
use super::Edit;
use crate::ic::icrc::TokenInfo;

#[component]
pub fn TokensEditor(
    rows: Signal<Vec<TokenRow>>,
    errors: Signal<Vec<Option<String>>>,
    infos: Signal<Vec<(Principal, Result<TokenInfo, String>)>>,
    edit: Edit,
) -> impl IntoView {
    let count = move || rows.with(Vec::len);
    view! {
        <fieldset class="space-y-2" data-testid="wallet-tokens">
            <legend class="text-sm font-medium">"Tokens"</legend>
            <p class="text-xs text-slate-500">"The ledgers whose balances the wallet shows, each with an optional daily spending limit. Add one by its ledger id."</p>
            <For each=move || 0..count() key=|i| *i let:i>
                {
                    let row = move || rows.with(|r| r.get(i).cloned().unwrap_or_default());
                    let info = move || {
                        let id = Principal::from_text(row().ledger.trim()).ok()?;
                        infos.with(|l| l.iter().find(|(p, _)| *p == id).and_then(|(_, r)| r.as_ref().ok().cloned()))
                    };
                    let error = move || errors.with(|e| e.get(i).cloned().flatten());
                    let lid = format!("token-{i}-ledger");
                    let mid = format!("token-{i}-limit");
                    let eid = format!("token-{i}-error");
                    view! {
                        <div class="grid grid-cols-1 sm:grid-cols-[2fr_1fr_auto] gap-2 items-start border-l-2 border-slate-200 pl-2">
                            <div>
                                <label class="text-xs text-slate-600" for=lid.clone()>{format!("Token {} ledger id", i + 1)}</label>
                                <input id=lid.clone() data-testid=lid class="w-full border rounded px-2 py-1 text-sm font-mono" autocomplete="off" spellcheck="false"
                                    aria-describedby=format!("{eid} token-{i}-info") aria-invalid=move || error().is_some().to_string()
                                    prop:value=move || row().ledger
                                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |f| if let Some(r) = f.tokens.get_mut(i) { r.ledger = v.clone() })) }/>
                                <p id=format!("token-{i}-info") class="text-xs text-slate-600" data-testid=format!("token-{i}-info")>
                                    {move || info().map(|t| format!("{} ({}), {} decimals", t.name, t.symbol, t.decimals))}</p>
                            </div>
                            <div>
                                <label class="text-xs text-slate-600" for=mid.clone()>
                                    {move || format!("Daily limit{} (optional)", info().map(|t| format!(" in {}", t.symbol)).unwrap_or_default())}</label>
                                <input id=mid.clone() data-testid=mid class="w-full border rounded px-2 py-1 text-sm" inputmode="decimal" autocomplete="off"
                                    prop:value=move || row().daily_max
                                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |f| if let Some(r) = f.tokens.get_mut(i) { r.daily_max = v.clone() })) }/>
                            </div>
                            <button type="button" class="sm:mt-5 px-2 py-1 rounded border text-sm" data-testid=format!("token-{i}-remove")
                                aria-label=format!("Remove token {}", i + 1)
                                on:click=move |_| edit.run(Box::new(move |f| { if i < f.tokens.len() { f.tokens.remove(i); } }))>"Remove"</button>
                            <p id=eid.clone() class="text-sm text-red-700 sm:col-span-3" role="alert" data-testid=eid>{error}</p>
                        </div>
                    }
                }
            </For>
            {move || (count() < limits::MAX_TOKENS).then(|| view! {
                <button type="button" class="px-3 py-1 rounded border text-sm" data-testid="wallet-add-token"
                    on:click=move |_| edit.run(Box::new(|f| f.tokens.push(TokenRow::default())))>"Add a token"</button>
            })}
        </fieldset>
    }
}
