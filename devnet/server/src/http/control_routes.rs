//! The devnet's own controls, outside the IC API: what PocketIC offers a test in live mode. Browser
//! journeys use them to let vesting, windows and expiries pass without waiting in real time.

use super::AppState;
use crate::error::ApiError;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::time::Duration;

pub const ADVANCE_TIME: &str = "/_/devnet/advance_time";
pub const TIME: &str = "/_/devnet/time";

/// A year: more than any journey needs, and far from overflowing the clock.
const MAX_ADVANCE_SECONDS: u64 = 365 * 24 * 3600;

#[derive(Deserialize)]
pub struct AdvanceTime {
    seconds: Option<String>,
}

/// `GET /_/devnet/time`: the devnet's current time, `{"time_nanos":T}` (what canisters see as `ic0.time`).
pub async fn time(State(state): State<AppState>) -> Response {
    time_nanos_json(state.api.replica().time_nanos())
}

fn time_nanos_json(time_nanos: u64) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], format!("{{\"time_nanos\":{time_nanos}}}")).into_response()
}

/// `POST /_/devnet/advance_time?seconds=N`: moves the clock N seconds ahead (it keeps running in real
/// time from there), runs the timers that came due, and answers `{"time_nanos":T}`.
pub async fn advance_time(State(state): State<AppState>, Query(q): Query<AdvanceTime>) -> Result<Response, ApiError> {
    let seconds = q
        .seconds
        .as_deref()
        .ok_or_else(|| ApiError::bad_request("advance_time needs ?seconds=N"))?
        .parse::<u64>()
        .map_err(|_| ApiError::bad_request("seconds must be a whole number of seconds"))?;
    if seconds == 0 || seconds > MAX_ADVANCE_SECONDS {
        return Err(ApiError::bad_request(format!("seconds must be 1 to {MAX_ADVANCE_SECONDS}")));
    }
    let replica = state.api.replica().clone();
    let moved = tokio::task::spawn_blocking(move || replica.advance_time(Duration::from_secs(seconds)))
        .await
        .map_err(|e| ApiError::internal(format!("advancing the clock failed: {e}")))?;
    Ok(time_nanos_json(moved.map_err(ApiError::bad_request)?))
}
