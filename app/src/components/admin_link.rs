//! The navigation's link to the admin console: shown only when the backend lists the logged-in user as
//! an admin (the backend refuses everyone else's config calls anyway).
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ic::backend;
use crate::state::AppState;

#[component]
pub fn AdminLink() -> impl IntoView {
    let state = expect_context::<AppState>();
    let is_admin = LocalResource::new(move || {
        let state = state.clone();
        let me = state.session.get().map(|s| s.principal());
        async move {
            let (Some(me), Some(id)) = (me, state.network.config.canisters.backend) else { return false };
            let Ok(connection) = state.agent() else { return false };
            backend::get_config(&backend::backend(connection, id)).await.is_ok_and(|c| c.admins.contains(&me))
        }
    });
    move || {
        is_admin.get().unwrap_or(false).then(|| view! {
            <A href="/admin" attr:class="hover:text-indigo-700" attr:data-testid="nav-admin">"Admin"</A>
        })
    }
}
