//! What every page shares through Leptos context: the network and the session. Its own module so pages
//! and components depend on it, not on the app shell that routes to them.
use leptos::prelude::*;

use crate::auth::Session;
use crate::ic::agent::{Connection, Network};

#[derive(Clone)]
pub struct AppState {
    pub network: Network,
    pub session: RwSignal<Option<Session>>,
}

impl AppState {
    /// A connection calling as the logged-in user (anonymous when logged out).
    pub fn agent(&self) -> Result<Connection, String> {
        self.network.connection(self.session.get_untracked())
    }

    /// Deletes the stored session, then shows the app logged out.
    pub fn log_out(&self) {
        let session = self.session;
        leptos::task::spawn_local(async move {
            Session::forget().await;
            session.set(None);
        });
    }
}
