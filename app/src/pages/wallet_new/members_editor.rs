//! The signers' or observers' rows: principal and name, each row's problem beside it, add and remove.
use candid::Principal;
use leptos::prelude::*;

use super::form::{MemberRow, WalletForm};
use super::Edit;

#[component]
pub fn MembersEditor(
    /// "signer" or "observer": in test ids and button names.
    role: &'static str,
    heading: &'static str,
    hint: &'static str,
    rows: Signal<Vec<MemberRow>>,
    errors: Signal<Vec<Option<String>>>,
    me: Principal,
    edit: Edit,
    get: fn(&mut WalletForm) -> &mut Vec<MemberRow>,
    /// Rows that cannot be removed below.
    min: usize,
) -> impl IntoView {
    let count = move || rows.with(Vec::len);
    let me = me.to_text();
    view! {
        <fieldset class="space-y-2" data-testid=format!("wallet-{role}s")>
            <legend class="text-sm font-medium">{heading}</legend>
            <p class="text-xs text-slate-500">{hint}</p>
            <For each=move || 0..count() key=|i| *i let:i>
                {
                    let me = me.clone();
                    let row = move || rows.with(|r| r.get(i).cloned().unwrap_or_default());
                    let error = move || errors.with(|e| e.get(i).cloned().flatten());
                    let pid = format!("{role}-{i}-principal");
                    let nid = format!("{role}-{i}-name");
                    let eid = format!("{role}-{i}-error");
                    view! {
                        <div class="grid grid-cols-1 sm:grid-cols-[2fr_1fr_auto] gap-2 items-start border-l-2 border-slate-200 pl-2">
                            <div>
                                <label class="text-xs text-slate-600" for=pid.clone()>
                                    {move || format!("{} {} principal{}", capital(role), i + 1, if row().principal.trim() == me { " (you)" } else { "" })}</label>
                                <input id=pid.clone() data-testid=pid class="w-full border rounded px-2 py-1 text-sm font-mono" autocomplete="off" spellcheck="false"
                                    aria-describedby=eid.clone() aria-invalid=move || error().is_some().to_string()
                                    prop:value=move || row().principal
                                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |f| if let Some(r) = get(f).get_mut(i) { r.principal = v.clone() })) }/>
                            </div>
                            <div>
                                <label class="text-xs text-slate-600" for=nid.clone()>{format!("Name (optional)")}</label>
                                <input id=nid.clone() data-testid=nid class="w-full border rounded px-2 py-1 text-sm" autocomplete="off"
                                    prop:value=move || row().name
                                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |f| if let Some(r) = get(f).get_mut(i) { r.name = v.clone() })) }/>
                            </div>
                            <button type="button" class="sm:mt-5 px-2 py-1 rounded border text-sm disabled:opacity-50"
                                disabled=move || { count() <= min } data-testid=format!("{role}-{i}-remove")
                                aria-label=format!("Remove {role} {}", i + 1)
                                on:click=move |_| edit.run(Box::new(move |f| { let v = get(f); if v.len() > min && i < v.len() { v.remove(i); } }))>"Remove"</button>
                            <p id=eid.clone() class="text-sm text-red-700 sm:col-span-3" role="alert" data-testid=eid>{error}</p>
                        </div>
                    }
                }
            </For>
            <button type="button" class="px-3 py-1 rounded border text-sm" data-testid=format!("wallet-add-{role}")
                on:click=move |_| edit.run(Box::new(move |f| get(f).push(MemberRow::default())))>{format!("Add {}", article(role))}</button>
        </fieldset>
    }
}

fn capital(role: &str) -> String {
    let mut c = role.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn article(role: &str) -> String {
    if role.starts_with('o') { format!("an {role}") } else { format!("a {role}") }
}
