//! The recipients box: pasted text or an uploaded CSV file, and each line's problem by its number.
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::recipients::Parsed;
use crate::format::format_amount;

/// Reads the file chosen in a file input as text (`File.text()`).
async fn read_file(input: wasm_bindgen::JsValue) -> Option<String> {
    let files = js_sys::Reflect::get(&input, &"files".into()).ok()?;
    let file = js_sys::Reflect::get(&files, &0.into()).ok().filter(|f| !f.is_undefined() && !f.is_null())?;
    let text: js_sys::Function = js_sys::Reflect::get(&file, &"text".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = text.call0(&file).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

#[component]
pub fn RecipientsInput(
    text: Signal<String>,
    on_text: Callback<String>,
    parsed: Signal<Option<Parsed>>,
    unit: Signal<Option<(u8, String)>>,
    campaign_error: Signal<Option<String>>,
) -> impl IntoView {
    let summary = move || {
        let parsed = parsed.get()?;
        let (decimals, symbol) = unit.get()?;
        let total = parsed.rows.iter().fold(candid::Nat::from(0u8), |s, r| s + r.amount.clone());
        let rows = parsed.rows.len();
        Some(format!("{rows} recipient row{}, {} {symbol} in all.", if rows == 1 { "" } else { "s" }, format_amount(&total, decimals)))
    };
    let errors = move || parsed.get().map(|p| p.errors).unwrap_or_default();
    view! {
        <div class="space-y-2">
            <label class="block text-sm font-medium" for="campaign-recipients">"Recipients"</label>
            <p id="campaign-recipients-hint" class="text-xs text-slate-500">
                "One a line: principal,amount[,category]. Amounts in whole tokens (decimals allowed); the category by name or number, the first if left out."</p>
            <textarea id="campaign-recipients" rows="6" class="w-full border rounded px-2 py-1 text-sm font-mono" data-testid="campaign-recipients"
                aria-describedby="campaign-recipients-hint campaign-recipients-errors"
                aria-invalid=move || if errors().is_empty() { "false" } else { "true" }
                prop:value=move || text.get() on:input=move |ev| on_text.run(event_target_value(&ev))></textarea>
            <div>
                <label class="text-sm font-medium" for="campaign-recipients-file">"Or upload a CSV file"</label>
                <input id="campaign-recipients-file" type="file" accept=".csv,text/csv,text/plain" class="block mt-1 text-sm" data-testid="campaign-recipients-file"
                    on:change=move |ev| {
                        let target: wasm_bindgen::JsValue = ev.target().map(Into::into).unwrap_or(wasm_bindgen::JsValue::NULL);
                        leptos::task::spawn_local(async move {
                            if let Some(t) = read_file(target).await { on_text.run(t) }
                        });
                    }/>
            </div>
            <p class="text-sm text-slate-700" data-testid="campaign-recipients-summary">{summary}</p>
            <div id="campaign-recipients-errors" role="alert" aria-live="polite" data-testid="campaign-recipients-errors">
                {move || {
                    let errors = errors();
                    (!errors.is_empty()).then(|| view! {
                        <ul class="text-sm text-red-700 list-disc pl-5">
                            {errors.into_iter().map(|(line, e)| view! { <li>{format!("Line {line}: {e}")}</li> }).collect_view()}
                        </ul>
                    })
                }}
                <p class="text-sm text-red-700" data-testid="campaign-error">{move || campaign_error.get()}</p>
            </div>
        </div>
    }
}
