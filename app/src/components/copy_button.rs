//! A button copying a text (a principal) to the clipboard, saying whether it worked.
use leptos::prelude::*;

use crate::browser::copy_text;

#[component]
pub fn CopyButton(
    /// What is copied.
    text: String,
    /// The button's accessible name, e.g. "Copy principal".
    label: &'static str,
    #[prop(optional)] test_id: Option<&'static str>,
) -> impl IntoView {
    let said = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let copied = copy_text(&text).await;
            said.set(Some(if copied { "Copied" } else { "Copy failed: select the text instead" }));
        });
    };
    view! {
        <span class="inline-flex items-center gap-1">
            <button type="button" class="px-2 py-0.5 rounded border border-slate-300 text-xs hover:bg-slate-100"
                aria-label=label title=label on:click=copy data-testid=test_id.unwrap_or("copy")>"Copy"</button>
            <span class="text-xs text-slate-600" role="status" data-testid="copy-status">{move || said.get()}</span>
        </span>
    }
}
