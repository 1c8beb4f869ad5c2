//! The dashboard: where the platform's sections will gather; for now it points to what works.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::AppState;

#[component]
pub fn Home() -> impl IntoView {
    crate::browser::set_page_title("Dashboard");
    let state = expect_context::<AppState>();
    view! {
        <section class="space-y-4">
            <h1 class="text-2xl font-semibold">"Dashboard"</h1>
            {move || match state.session.get() {
                Some(session) => view! { <crate::pages::dashboard::Dashboard me=session.principal()/> }.into_any(),
                None => view! { <p class="text-slate-600">"Log in to see your balances and send tokens."</p> }.into_any(),
            }}
            <div class="grid sm:grid-cols-2 gap-4">
                <A href="/tokens" attr:class="block p-4 bg-white rounded-lg border border-slate-200 hover:border-indigo-400">
                    <h2 class="font-semibold">"Tokens"</h2>
                    <p class="text-sm text-slate-600">"Every token launched here, your balances, transfers."</p>
                </A>
                <A href="/distributions/new" attr:class="block p-4 bg-white rounded-lg border border-slate-200 hover:border-indigo-400">
                    <h2 class="font-semibold">"Distributions"</h2>
                    <p class="text-sm text-slate-600">"Send a token to many recipients, vesting over time."</p>
                </A>
            </div>
        </section>
    }
}
