//! The HTTP gateway's route: every request outside `/api` goes to the canister named by the host
//! (`<id>.localhost`) or by `?canisterId=<id>`; the verified response goes back with the canister's headers
//! as the gateway passes them (one `content-type`: the canister's). `<id>.raw.localhost` is served
//! unverified, like the IC's raw domains.

use super::AppState;
use crate::gateway::GatewayResponse;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use candid::Principal;

pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let host = request.headers().get("host").and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
    let uri = request.uri().clone();
    let Some(canister) = canister_from_host(&host).or_else(|| canister_from_query(uri.query())) else {
        return (
            StatusCode::NOT_FOUND,
            "devnet: name a canister with http://<canister-id>.localhost:<port>/ or ?canisterId=<canister-id>",
        )
            .into_response();
    };
    let method = request.method().as_str().to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    let url = uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
    let body: Bytes = match axum::body::to_bytes(request.into_body(), super::MAX_BODY_BYTES).await {
        Ok(b) => b,
        Err(e) => return (StatusCode::PAYLOAD_TOO_LARGE, format!("request body: {e}")).into_response(),
    };
    let raw = is_raw_host(&host);
    let gateway = state.gateway.clone();
    let outcome = tokio::task::spawn_blocking(move || gateway.handle(canister, raw, &method, &url, headers, &body)).await;
    match outcome {
        Ok(Ok(response)) => to_http(response),
        Ok(Err((status, message))) => (status, message).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// Builds the response from the canister's parts only (no framework default such as a second
/// `content-type`); the length is the body's, so the canister's framing headers are not copied.
fn to_http(response: GatewayResponse) -> Response {
    let mut out = Response::new(Body::from(response.body));
    *out.status_mut() = StatusCode::from_u16(response.status_code).unwrap_or(StatusCode::BAD_GATEWAY);
    let headers = out.headers_mut();
    for (name, value) in response.headers {
        let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) else { continue };
        if name == "content-length" || name == "transfer-encoding" {
            continue;
        }
        headers.append(name, value);
    }
    out
}

/// `<canister-id>.localhost[:port]` (also `<id>.raw.localhost`).
pub fn canister_from_host(host: &str) -> Option<Principal> {
    let host = host.split(':').next()?;
    let first = host.strip_suffix(".localhost")?.split('.').next()?;
    Principal::from_text(first).ok()
}

fn is_raw_host(host: &str) -> bool {
    host.split(':').next().is_some_and(|name| name.ends_with(".raw.localhost"))
}

pub fn canister_from_query(query: Option<&str>) -> Option<Principal> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "canisterId")
        .and_then(|(_, v)| Principal::from_text(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_canister_in_host_or_query() {
        let id = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
        assert_eq!(canister_from_host("ryjl3-tyaaa-aaaaa-aaaba-cai.localhost:4943"), Some(id));
        assert_eq!(canister_from_host("ryjl3-tyaaa-aaaaa-aaaba-cai.raw.localhost"), Some(id));
        assert_eq!(canister_from_host("127.0.0.1:4943"), None);
        assert!(is_raw_host("ryjl3-tyaaa-aaaaa-aaaba-cai.raw.localhost:4943"));
        assert!(!is_raw_host("ryjl3-tyaaa-aaaaa-aaaba-cai.localhost:4943"));
        assert_eq!(canister_from_query(Some("a=1&canisterId=ryjl3-tyaaa-aaaaa-aaaba-cai")), Some(id));
        assert_eq!(canister_from_query(Some("a=1")), None);
    }

    #[test]
    fn sends_exactly_the_canisters_content_type() {
        let response = to_http(GatewayResponse {
            status_code: 200,
            headers: vec![("content-type".into(), "application/wasm".into()), ("content-length".into(), "1".into())],
            body: b"abc".to_vec(),
        });
        let types: Vec<_> = response.headers().get_all("content-type").iter().collect();
        assert_eq!(types, ["application/wasm"]);
        assert!(response.headers().get("content-length").is_none_or(|v| v == "3"));
    }
}
