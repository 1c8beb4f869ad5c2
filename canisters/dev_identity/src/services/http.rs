//! The provider's web page and the small JSON API it calls through the HTTP gateway:
//! - `GET /` the page, `GET /api/users` the user names;
//! - `POST /api/prepare` (upgraded to an update call) `{user, origin, sessionPublicKey, maxTimeToLive?}` ->
//!   `{userPublicKey, principal, expiration}`: signs the delegation;
//! - `GET /api/delegation?user&origin&pubkey&expiration` -> `{delegation: {pubkey, expiration}, signature}`.
//!
//! Byte strings are hex, nanosecond numbers decimal strings (JSON numbers lose precision above 2^53).
use ic_http_certification::{HttpRequest, HttpResponse, Method, StatusCode};
use serde::Deserialize;

use icto_shared::dev_identity::{DevIdentityError, GetDelegationArgs, PrepareDelegationArgs, PreparedDelegation};
use crate::services::{delegations, users};

const PAGE: &str = include_str!("../page.html");
/// A prepare request is four short fields; anything bigger is refused before parsing.
pub const MAX_BODY_BYTES: usize = 4_096;

fn response(status: StatusCode, content_type: &str, body: Vec<u8>) -> HttpResponse<'static> {
    HttpResponse::builder()
        .with_status_code(status)
        .with_headers(vec![
            ("content-type".into(), content_type.into()),
            ("cache-control".into(), "no-store".into()),
            ("x-content-type-options".into(), "nosniff".into()),
            // The page grants sign-ins: never inside another site's frame.
            ("content-security-policy".into(), "frame-ancestors 'none'".into()),
        ])
        .with_body(body)
        .build()
}

fn json(status: StatusCode, value: serde_json::Value) -> HttpResponse<'static> {
    response(status, "application/json", value.to_string().into_bytes())
}

fn bad_request(message: &str) -> HttpResponse<'static> {
    json(StatusCode::BAD_REQUEST, serde_json::json!({ "error": message }))
}

fn refused(error: DevIdentityError) -> HttpResponse<'static> {
    let status = match error {
        DevIdentityError::NotReady(_) => StatusCode::SERVICE_UNAVAILABLE,
        DevIdentityError::NoSuchDelegation(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::BAD_REQUEST,
    };
    json(status, serde_json::json!({ "error": format!("{error:?}") }))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| percent_decode(value)).flatten()
    })
}

fn split_url(url: &str) -> (&str, &str) {
    url.split_once('?').unwrap_or((url, ""))
}

fn is_prepare(request: &HttpRequest) -> bool {
    request.method() == Method::POST && split_url(request.url()).0 == "/api/prepare"
}

/// What a query answers; `None` asks the gateway to upgrade to `http_request_update` (a prepare).
pub fn serve_query(request: &HttpRequest, salt: Option<[u8; 32]>) -> Option<HttpResponse<'static>> {
    if is_prepare(request) {
        return None;
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Some(json(StatusCode::METHOD_NOT_ALLOWED, serde_json::json!({ "error": "GET, or POST /api/prepare" })));
    }
    let (path, query) = split_url(request.url());
    Some(match path {
        "/api/users" => json(StatusCode::OK, serde_json::json!(users::list())),
        "/api/delegation" => delegation(query, salt),
        _ => response(StatusCode::OK, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
    })
}

fn delegation(query: &str, salt: Option<[u8; 32]>) -> HttpResponse<'static> {
    let (Some(user), Some(origin), Some(pubkey), Some(expiration)) = (
        query_param(query, "user"),
        query_param(query, "origin"),
        query_param(query, "pubkey"),
        query_param(query, "expiration"),
    ) else {
        return bad_request("user, origin, pubkey and expiration are required");
    };
    let Ok(session_public_key) = hex::decode(&pubkey) else { return bad_request("pubkey must be hex") };
    let Ok(expiration) = expiration.parse::<u64>() else { return bad_request("expiration must be a number of nanoseconds") };
    let Some(salt) = salt else { return refused(DevIdentityError::NotReady("no delegation was prepared yet".into())) };
    match delegations::get(&salt, &GetDelegationArgs { user, origin, session_public_key, expiration }) {
        Ok(signed) => json(
            StatusCode::OK,
            serde_json::json!({
                "delegation": {
                    "pubkey": hex::encode(&signed.delegation.pubkey),
                    "expiration": signed.delegation.expiration.to_string(),
                },
                "signature": hex::encode(&signed.signature),
            }),
        ),
        Err(error) => refused(error),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PrepareBody {
    user: String,
    origin: String,
    session_public_key: String,
    max_time_to_live: Option<String>,
}

/// Reads a prepare request (`POST /api/prepare`); Err is the response to send instead.
pub fn parse_prepare(request: &HttpRequest) -> Result<PrepareDelegationArgs, HttpResponse<'static>> {
    if !is_prepare(request) {
        return Err(json(StatusCode::NOT_FOUND, serde_json::json!({ "error": "only POST /api/prepare is an update" })));
    }
    if request.body().len() > MAX_BODY_BYTES {
        return Err(json(StatusCode::PAYLOAD_TOO_LARGE, serde_json::json!({ "error": "body over 4 KB" })));
    }
    let body: PrepareBody = serde_json::from_slice(request.body())
        .map_err(|e| bad_request(&format!("body must be {{user, origin, sessionPublicKey, maxTimeToLive?}}: {e}")))?;
    let session_public_key = hex::decode(&body.session_public_key).map_err(|_| bad_request("sessionPublicKey must be hex"))?;
    let max_time_to_live = match body.max_time_to_live {
        None => None,
        Some(text) => Some(text.parse::<u64>().map_err(|_| bad_request("maxTimeToLive must be a number of nanoseconds"))?),
    };
    let args = PrepareDelegationArgs { user: body.user, origin: body.origin, session_public_key, max_time_to_live };
    delegations::check_prepare(&args).map_err(refused)?;
    Ok(args)
}

pub fn prepared(result: Result<PreparedDelegation, DevIdentityError>) -> HttpResponse<'static> {
    match result {
        Ok(prepared) => json(
            StatusCode::OK,
            serde_json::json!({
                "userPublicKey": hex::encode(&prepared.user_public_key),
                "principal": prepared.principal.to_text(),
                "expiration": prepared.expiration.to_string(),
            }),
        ),
        Err(error) => refused(error),
    }
}
