//! What every page shares through Leptos context: the network and the session. Its own module so pages
//! and components depend on it, not on the app shell that routes to them.
use ic_agent::Agent;
use leptos::prelude::*;

use crate::auth::Session;
use crate::ic::agent::Network;

#[derive(Clone)]
pub struct AppState {
    pub network: Network,
    pub session: RwSignal<Option<Session>>,
}

impl AppState {
    /// An agent signing as the logged-in user (anonymous when logged out).
    pub fn agent(&self) -> Result<Agent, String> {
        self.network.agent(self.session.get_untracked().as_ref())
    }

    pub fn log_out(&self) {
        Session::clear();
        self.session.set(None);
    }
}
