//! Log in through the identity provider's window, or show who is logged in with a log-out button.
use leptos::prelude::*;

use crate::auth::ii_client::{login, DEFAULT_MAX_TTL_NANOS};
use crate::state::AppState;

#[component]
pub fn LoginButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let start_login = {
        let state = state.clone();
        move |_| {
            let state = state.clone();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                match login(&state.network.config.identity_provider_url, DEFAULT_MAX_TTL_NANOS).await {
                    Ok(session) => state.session.set(Some(session)),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        }
    };
    let log_out = {
        let state = state.clone();
        move |_| state.log_out()
    };

    view! {
        {move || match state.session.get() {
            Some(session) => {
                let principal = session.principal().to_text();
                view! {
                    <div class="flex items-center gap-3 text-sm">
                        <span class="font-mono text-slate-600" title=principal.clone() data-testid="principal">
                            {principal.clone()}
                        </span>
                        <button class="px-3 py-1 rounded border border-slate-300 hover:bg-slate-100"
                            on:click=log_out.clone() data-testid="logout">"Log out"</button>
                    </div>
                }.into_any()
            }
            None => view! {
                <div class="flex items-center gap-3 text-sm">
                    <span class="text-red-700" data-testid="login-error">{move || error.get()}</span>
                    <button class="px-3 py-1 rounded bg-indigo-600 text-white hover:bg-indigo-700 disabled:opacity-50"
                        disabled=move || busy.get() on:click=start_login.clone() data-testid="login">
                        {move || if busy.get() { "Logging in…" } else { "Log in" }}
                    </button>
                </div>
            }.into_any(),
        }}
    }
}
