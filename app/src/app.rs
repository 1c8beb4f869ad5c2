//! The app shell: loads the config, restores the session, and routes to the pages.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::auth::Session;
use crate::browser::sleep_ms;
use crate::components::layout::Layout;
use crate::config::load_config;
use crate::ic::agent::Network;
use crate::pages;
use crate::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    // The stored session is read with the config, so a reload shows the user logged in from the start.
    let network = LocalResource::new(|| async {
        let config = load_config().await?;
        let (network, session) = futures::join!(Network::connect(config), Session::restore());
        network.map(|network| (network, session))
    });
    view! {
        <Suspense fallback=|| view! { <p class="p-8 text-slate-500">"Loading…"</p> }>
            {move || network.get().map(|result| match result {
                Ok((network, session)) => view! { <Shell network session/> }.into_any(),
                Err(error) => view! {
                    <p class="p-8 text-red-700" data-testid="startup-error">{error}</p>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Shell(network: Network, session: Option<Session>) -> impl IntoView {
    let state = AppState { network, session: RwSignal::new(session) };
    provide_context(state.clone());
    expire_session_when_due(state);
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=path!("/") view=pages::home::Home/>
                    <Route path=path!("/tokens") view=pages::tokens::TokenList/>
                    <Route path=path!("/tokens/:ledger") view=pages::token_detail::TokenDetail/>
                    <Route path=path!("/account") view=pages::account::Account/>
                    <Route path=path!("/deploy/token") view=pages::deploy_token::DeployToken/>
                    <Route path=path!("/distributions/new") view=pages::distribution_new::NewCampaign/>
                    <Route path=path!("/distributions/:id") view=pages::campaign::CampaignPage/>
                    <Route path=path!("/wallets/new") view=pages::wallet_new::NewWallet/>
                    <Route path=path!("/wallets/:id") view=pages::wallet::WalletPage/>
                    <Route path=path!("/payments") view=pages::payments::Payments/>
                    <Route path=path!("/admin") view=pages::admin::Admin/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Logs out when the delegation expires, so no call is made with a chain the network will refuse.
fn expire_session_when_due(state: AppState) {
    leptos::task::spawn_local(async move {
        loop {
            sleep_ms(15_000).await;
            let expired = state.session.get_untracked().map(|s| s.is_expired()).unwrap_or(false);
            if expired {
                state.log_out();
            }
        }
    });
}
