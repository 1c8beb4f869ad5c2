//! HTTP routing: the IC API under `/api`, the devnet's own controls under `/_/devnet` (moving its
//! clock), CORS for browsers on other origins, and the HTTP gateway for everything else
//! (`<canister>.localhost` hosts or `?canisterId=`).

mod api_routes;
mod control_routes;
mod cors;
pub mod gateway_routes;

use crate::gateway::Gateway;
use crate::ic_api::IcApi;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// Bodies above this get 413: the IC's 2 MiB ingress limit plus room for the envelope.
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub api: Arc<IcApi>,
    pub gateway: Arc<Gateway>,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/v2/status", get(api_routes::status))
        .route("/api/{version}/{scope}/{id}/{endpoint}", post(api_routes::endpoint))
        .route(control_routes::ADVANCE_TIME, post(control_routes::advance_time))
        .route(control_routes::TIME, get(control_routes::time))
        .fallback(gateway_routes::serve)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(cors::cors))
        .with_state(state)
}
