use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::browser::set_page_title("Page not found");
    view! {
        <div class="py-12 text-center">
            <h1 class="text-xl font-semibold mb-2">"Page not found"</h1>
            <A href="/" attr:class="text-indigo-700 underline">"Back to the dashboard"</A>
        </div>
    }
}
