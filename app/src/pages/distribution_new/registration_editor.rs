//! The wizard's optional "Let people register themselves" section: window, places, amount, category and
//! the whitelist, each problem shown as the person types.
use icto_shared::distribution::limits;
use leptos::prelude::*;

use super::registration::{RegistrationCheck, RegistrationForm};

type Edit = Callback<Box<dyn Fn(&mut RegistrationForm) + Send + Sync>>;

#[component]
pub fn RegistrationEditor(
    form: Signal<RegistrationForm>,
    categories: Signal<Vec<String>>,
    check: Signal<Option<RegistrationCheck>>,
    symbol: Signal<String>,
    edit: Edit,
) -> impl IntoView {
    let get = move |f: fn(&RegistrationForm) -> String| move || form.with(|r| f(r));
    let input = move |key: &'static str, label: &'static str, kind: &'static str, hint: &'static str,
                      read: fn(&RegistrationForm) -> String, write: fn(&mut RegistrationForm, String)| {
        let id = format!("campaign-reg-{key}");
        view! {
            <div>
                <label class="block text-sm font-medium" for=id.clone()>{label}</label>
                <input id=id.clone() type=kind step="1" class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid=id.clone()
                    aria-describedby="campaign-reg-error" prop:value=get(read)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |r| write(r, v.clone()))) }/>
                <p class="text-xs text-slate-500">{hint}</p>
            </div>
        }
    };
    let whitelist_errors = move || check.get().map(|c| c.whitelist_errors).unwrap_or_default();
    let details = move || form.with(|r| r.enabled).then(|| view! {
        <div class="grid sm:grid-cols-2 gap-3">
            {input("opens", "Opens (your time zone)", "datetime-local", "Leave empty to open when you review.", |r| r.opens.clone(), |r, v| r.opens = v)}
            {input("closes", "Closes (your time zone)", "datetime-local", "Leave empty to close one day after it opens.", |r| r.closes.clone(), |r, v| r.closes = v)}
            {input("places", "Number of places", "text", "Registrations stop once they are all taken.", |r| r.places.clone(), |r, v| r.places = v)}
            <div>
                <label class="block text-sm font-medium" for="campaign-reg-amount">{move || format!("Amount per registrant ({})", symbol.get())}</label>
                <input id="campaign-reg-amount" class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid="campaign-reg-amount" inputmode="decimal"
                    aria-describedby="campaign-reg-error" prop:value=get(|r| r.amount.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |r| r.amount = v.clone())) }/>
            </div>
        </div>
        <div>
            <label class="block text-sm font-medium" for="campaign-reg-category">"Registrants' category"</label>
            <select id="campaign-reg-category" class="mt-1 border rounded px-2 py-1 text-sm" data-testid="campaign-reg-category"
                on:change=move |ev| { let i = event_target_value(&ev).parse().unwrap_or(0); edit.run(Box::new(move |r| r.category = i)) }>
                {move || categories.get().into_iter().enumerate().map(|(i, name)| view! {
                    <option value=i.to_string() selected=move || form.with(|r| r.category as usize == i)>{format!("{}. {name}", i + 1)}</option>
                }).collect_view()}
            </select>
        </div>
        <label class="flex gap-2 items-center text-sm">
            <input type="checkbox" data-testid="campaign-reg-whitelist-only" prop:checked=move || form.with(|r| r.whitelist_only)
                on:change=move |ev| { let v = event_target_checked(&ev); edit.run(Box::new(move |r| r.whitelist_only = v)) }/>
            "Only whitelisted principals may register"
        </label>
        {move || form.with(|r| r.whitelist_only).then(|| view! {
            <div>
                <label class="block text-sm font-medium" for="campaign-reg-whitelist">"Whitelist"</label>
                <p id="campaign-reg-whitelist-hint" class="text-xs text-slate-500">{format!(
                    "One principal a line, at most {} now; you can add more from the campaign's page until registration closes.",
                    limits::MAX_CREATE_RECIPIENTS)}</p>
                <textarea id="campaign-reg-whitelist" rows="4" class="mt-1 w-full border rounded px-2 py-1 text-sm font-mono" data-testid="campaign-reg-whitelist"
                    aria-describedby="campaign-reg-whitelist-hint campaign-reg-whitelist-errors"
                    aria-invalid=move || if whitelist_errors().is_empty() { "false" } else { "true" }
                    prop:value=get(|r| r.whitelist.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |r| r.whitelist = v.clone())) }></textarea>
                <ul id="campaign-reg-whitelist-errors" class="text-sm text-red-700 list-disc pl-5" role="alert" data-testid="campaign-reg-whitelist-errors">
                    {move || whitelist_errors().into_iter().map(|(line, e)| view! { <li>{format!("Line {line}: {e}")}</li> }).collect_view()}
                </ul>
            </div>
        })}
        <p id="campaign-reg-error" class="text-sm text-red-700" role="alert" aria-live="polite" data-testid="campaign-reg-error">
            {move || check.get().and_then(|c| c.error)}</p>
    });
    view! {
        <fieldset class="border border-slate-200 rounded p-3 space-y-3" data-testid="campaign-registration">
            <legend class="px-1 text-sm font-semibold">"Self-registration"</legend>
            <label class="flex gap-2 items-center text-sm">
                <input type="checkbox" data-testid="campaign-reg-enabled" prop:checked=move || form.with(|r| r.enabled)
                    on:change=move |ev| { let v = event_target_checked(&ev); edit.run(Box::new(move |r| r.enabled = v)) }/>
                "Let people register themselves (each receives the same amount, until the places are taken)"
            </label>
            {details}
        </fieldset>
    }
}
