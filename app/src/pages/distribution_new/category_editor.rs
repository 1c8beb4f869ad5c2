//! One category's inputs: name, start, initial unlock, the shape picker and the shape's parameters, with
//! its problem (announced) and a live chart of the vested share over time.
use leptos::prelude::*;

use super::schedule_form::{CategoryForm, FrequencyKind, ShapeKind, Span, TimeUnit};
use crate::browser::{local_time_nanos, now_nanos};
use crate::components::vesting_chart::VestingChart;

type Edit = Callback<Box<dyn Fn(&mut CategoryForm) + Send + Sync>>;

#[component]
pub fn CategoryEditor(
    index: usize,
    category: Signal<Option<CategoryForm>>,
    error: Signal<Option<String>>,
    edit: Edit,
    removable: Signal<bool>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let id = move |what: &str| format!("cat{index}-{what}");
    let get = move |f: fn(&CategoryForm) -> String| move || category.with(|c| c.as_ref().map(f).unwrap_or_default());
    // Memos: the parameters' inputs are rebuilt only when the shape (or frequency) changes, not as the person
    // types in them (which would take their focus away).
    let shape = Memo::new(move |_| category.with(|c| c.as_ref().map(|c| c.shape).unwrap_or(ShapeKind::Linear)));
    let shape = move || shape.get();
    let text_input = move |what: &'static str, label: &'static str, hint: &'static str, read: fn(&CategoryForm) -> String, write: fn(&mut CategoryForm, String)| {
        view! {
            <div>
                <label class="block text-sm font-medium" for=id(what)>{label}</label>
                <input id=id(what) class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid=id(what)
                    prop:value=get(read) aria-describedby=id("error")
                    on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |c| write(c, v.clone()))) }/>
                {(!hint.is_empty()).then(|| view! { <p class="text-xs text-slate-500">{hint}</p> })}
            </div>
        }
    };
    let span_input = move |what: &'static str, label: &'static str, read: fn(&CategoryForm) -> &Span, write: fn(&mut CategoryForm) -> &mut Span| {
        let value = move || category.with(|c| c.as_ref().map(|c| read(c).value.clone()).unwrap_or_default());
        let unit = move || category.with(|c| c.as_ref().map(|c| read(c).unit).unwrap_or(TimeUnit::Days));
        view! {
            <fieldset>
                <legend class="block text-sm font-medium">{label}</legend>
                <div class="mt-1 flex gap-2">
                    <input id=id(what) class="w-24 border rounded px-2 py-1 text-sm" inputmode="numeric" data-testid=id(what)
                        aria-label=format!("{label}: number") prop:value=value aria-describedby=id("error")
                        on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |c| write(c).value = v.clone())) }/>
                    <select class="border rounded px-2 py-1 text-sm" aria-label=format!("{label}: unit") data-testid=id(&format!("{what}-unit"))
                        on:change=move |ev| { let u = TimeUnit::from_name(&event_target_value(&ev)); edit.run(Box::new(move |c| write(c).unit = u)) }>
                        {TimeUnit::ALL.into_iter().map(|u| view! {
                            <option value=u.name() selected=move || unit() == u>{u.name()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </fieldset>
        }
    };
    let frequency = Memo::new(move |_| category.with(|c| c.as_ref().map(|c| c.frequency).unwrap_or(FrequencyKind::Continuous)));
    let frequency = move || frequency.get();
    let frequency_input = move || view! {
        <div>
            <label class="block text-sm font-medium" for=id("frequency")>"Unlocks"</label>
            <select id=id("frequency") class="mt-1 border rounded px-2 py-1 text-sm" data-testid=id("frequency")
                on:change=move |ev| { let f = FrequencyKind::from_key(&event_target_value(&ev)); edit.run(Box::new(move |c| c.frequency = f)) }>
                {FrequencyKind::ALL.into_iter().map(|f| view! {
                    <option value=f.key() selected=move || frequency() == f>{f.label()}</option>
                }).collect_view()}
            </select>
        </div>
        {move || (frequency() == FrequencyKind::Custom).then(|| span_input("every", "Unlock every", |c| &c.every, |c| &mut c.every))}
    };
    let chart = move || {
        let c = category.get()?;
        if error.get().is_some() {
            return None;
        }
        let category = c.to_category(now_nanos(), &local_time_nanos).ok()?;
        Some(view! { <VestingChart schedule=category.schedule label=format!("Category {}", index + 1)/> })
    };
    view! {
        <fieldset class="border border-slate-200 rounded p-3 space-y-3" data-testid="category">
            <legend class="px-1 text-sm font-semibold">{format!("Category {}", index + 1)}</legend>
            {text_input("name", "Name", "", |c| c.name.clone(), |c, v| c.name = v)}
            <div class="grid sm:grid-cols-2 gap-3">
                <div>
                    <label class="block text-sm font-medium" for=id("start")>"Start (your time zone)"</label>
                    <input id=id("start") type="datetime-local" class="mt-1 w-full border rounded px-2 py-1 text-sm" data-testid=id("start")
                        prop:value=get(|c| c.start.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |c| c.start = v.clone())) }/>
                    <p class="text-xs text-slate-500">"Leave empty to start when you review."</p>
                </div>
                {text_input("initial", "Initial unlock (%)", "Vested at the start.", |c| c.initial_percent.clone(), |c, v| c.initial_percent = v)}
            </div>
            <div>
                <label class="block text-sm font-medium" for=id("shape")>"Then"</label>
                <select id=id("shape") class="mt-1 border rounded px-2 py-1 text-sm" data-testid=id("shape")
                    on:change=move |ev| { let s = ShapeKind::from_key(&event_target_value(&ev)); edit.run(Box::new(move |c| c.shape = s)) }>
                    {ShapeKind::ALL.into_iter().map(|s| view! {
                        <option value=s.key() selected=move || shape() == s>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || match shape() {
                ShapeKind::Instant => ().into_any(),
                ShapeKind::Linear => view! {
                    <div class="grid sm:grid-cols-2 gap-3">
                        {span_input("duration", "Duration", |c| &c.duration, |c| &mut c.duration)}
                        {frequency_input()}
                    </div>
                }.into_any(),
                ShapeKind::Cliff => view! {
                    <div class="grid sm:grid-cols-2 gap-3">
                        {span_input("cliff", "Cliff after", |c| &c.cliff, |c| &mut c.cliff)}
                        {text_input("cliff-percent", "Unlock at the cliff (%)", "Of what is left after the initial unlock.", |c| c.cliff_percent.clone(), |c, v| c.cliff_percent = v)}
                        {span_input("duration", "Then linear over", |c| &c.duration, |c| &mut c.duration)}
                        {frequency_input()}
                    </div>
                }.into_any(),
                ShapeKind::Single => span_input("after", "Unlock after", |c| &c.after, |c| &mut c.after).into_any(),
                kind @ (ShapeKind::Stepped | ShapeKind::Custom) => view! {
                    <div>
                        <label class="block text-sm font-medium" for=id("steps")>
                            {if kind == ShapeKind::Stepped { "Steps: time after the start, percent (adding up to 100)" } else { "Unlocks: time after the start, weight" }}
                        </label>
                        <textarea id=id("steps") rows="4" class="mt-1 w-full border rounded px-2 py-1 text-sm font-mono" data-testid=id("steps")
                            prop:value=get(|c| c.steps.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |c| c.steps = v.clone())) }></textarea>
                        <p class="text-xs text-slate-500">"One a line, like \"3 months, 25\"."</p>
                    </div>
                }.into_any(),
            }}
            <p id=id("error") class="text-sm text-red-700" role="alert" aria-live="polite" data-testid=id("error")>{move || error.get()}</p>
            {chart}
            {move || removable.get().then(|| view! {
                <button type="button" class="px-3 py-1 rounded border text-sm" on:click=move |_| on_remove.run(())>
                    {format!("Remove category {}", index + 1)}</button>
            })}
        </fieldset>
    }
}
