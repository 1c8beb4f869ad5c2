//! Log in through the identity provider's window, or show who is logged in (principal shortened, with a
//! copy button and a link to the account page) with a log-out button.
use leptos::prelude::*;
use leptos_router::components::A;

use super::copy_button::CopyButton;
use crate::auth::ii_client::{login, DEFAULT_MAX_TTL_NANOS};
use crate::format::short_principal;
use crate::ic::errors::readable_error;
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
                    Err(e) => error.set(Some(readable_login_error(&e))),
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
                let (title, short) = (format!("Your account: {principal}"), short_principal(&principal));
                let to_copy = principal.clone();
                view! {
                    <div class="flex flex-wrap items-center gap-2 text-sm">
                        <A href="/account" attr:class="font-mono text-slate-700 hover:text-indigo-700 underline"
                            attr:title=title attr:data-testid="account-link">
                            <span data-testid="principal" data-principal=principal>{short}</span>
                        </A>
                        <CopyButton text=to_copy label="Copy your principal" test_id="copy-principal"/>
                        <button type="button" class="px-3 py-1 rounded border border-slate-300 hover:bg-slate-100"
                            on:click=log_out.clone() data-testid="logout">"Log out"</button>
                    </div>
                }.into_any()
            }
            None => view! {
                <div class="flex flex-wrap items-center gap-3 text-sm">
                    <span class="text-red-700" role="alert" data-testid="login-error">{move || error.get()}</span>
                    <button type="button" class="px-3 py-1 rounded bg-indigo-600 text-white hover:bg-indigo-700 disabled:opacity-50"
                        disabled=move || busy.get() on:click=start_login.clone() data-testid="login">
                        {move || if busy.get() { "Logging in…" } else { "Log in" }}
                    </button>
                </div>
            }.into_any(),
        }}
    }
}

/// The login's own sentences (window closed, refused) are kept; network failures are made readable.
fn readable_login_error(error: &str) -> String {
    if error.contains("reject") || error.contains("IC0") || error.contains("replica") {
        readable_error(error)
    } else {
        error.to_string()
    }
}
