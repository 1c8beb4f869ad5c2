//! `/api/...` endpoints: parse the URL, check the content type, delegate to `IcApi`.

use super::AppState;
use crate::error::ApiError;
use crate::ic_api::{Answer, CallVersion, Scope};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use candid::Principal;

pub async fn status(State(state): State<AppState>) -> Response {
    cbor(StatusCode::OK, state.api.status())
}

pub async fn endpoint(
    State(state): State<AppState>,
    Path((version, scope, id, endpoint)): Path<(String, String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = Principal::from_text(&id).map_err(|e| ApiError::bad_request(format!("invalid principal {id:?} in the URL: {e}")))?;
    let scope = match scope.as_str() {
        "canister" => Scope::Canister(id),
        "subnet" => Scope::Subnet(id),
        other => return Err(ApiError::not_found(format!("unknown API scope {other:?}; expected canister or subnet"))),
    };
    check_content_type(&headers)?;
    let answer = match (version.as_str(), endpoint.as_str()) {
        ("v2", "call") => state.api.call(scope, CallVersion::V2, &body).await?,
        ("v3" | "v4", "call") => state.api.call(scope, CallVersion::Sync, &body).await?,
        ("v2" | "v3", "query") => state.api.query(scope, &body).await?,
        ("v2" | "v3", "read_state") => state.api.read_state(scope, &body).await?,
        _ => return Err(ApiError::not_found(format!("no endpoint /api/{version}/{{scope}}/<id>/{endpoint}"))),
    };
    Ok(respond(answer))
}

fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if content_type.split(';').next().map(str::trim) != Some("application/cbor") {
        return Err(ApiError::unsupported_media(format!(
            "Content-Type must be application/cbor, got {:?}",
            content_type
        )));
    }
    Ok(())
}

fn respond(answer: Answer) -> Response {
    if answer.accepted {
        return (StatusCode::ACCEPTED, [(header::CONTENT_TYPE, "application/cbor")], answer.body).into_response();
    }
    cbor(StatusCode::OK, answer.body)
}

fn cbor(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(header::CONTENT_TYPE, "application/cbor")], body).into_response()
}
