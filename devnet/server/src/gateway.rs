//! HTTP gateway: serves canisters over plain HTTP by calling their `http_request` query (and
//! `http_request_update` when the canister asks for an upgrade), following streaming callbacks.
//! The canister is named by the host (`<id>.localhost`) or by `?canisterId=<id>`.

use crate::http::AppState;
use crate::replica::Replica;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use candid::types::value::{IDLField, IDLValue};
use candid::{CandidType, Encode, IDLArgs, Principal};
use std::sync::Arc;

/// Streaming bodies are followed for at most this many callback rounds.
const MAX_STREAMING_CHUNKS: usize = 4096;

pub struct Gateway {
    replica: Arc<dyn Replica>,
}

#[derive(CandidType)]
struct HttpRequest<'a> {
    method: &'a str,
    url: &'a str,
    headers: Vec<(String, String)>,
    body: &'a serde_bytes::Bytes,
    certificate_version: Option<u16>,
}

#[derive(Debug, Default)]
pub struct HttpResponse {
    pub status_code: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub upgrade: bool,
    /// `(callback canister, callback method, token)`.
    pub streaming: Option<(Principal, String, IDLValue)>,
}

impl Gateway {
    pub fn new(replica: Arc<dyn Replica>) -> Self {
        Self { replica }
    }

    /// Runs one request through the canister; blocking (call it on a blocking thread).
    pub fn handle(&self, canister: Principal, method: &str, url: &str, headers: Vec<(String, String)>, body: &[u8]) -> Result<HttpResponse, (StatusCode, String)> {
        if !self.replica.canister_exists(&canister) {
            return Err((StatusCode::NOT_FOUND, format!("canister {canister} not found")));
        }
        let request = HttpRequest { method, url, headers, body: serde_bytes::Bytes::new(body), certificate_version: Some(2) };
        let arg = Encode!(&request).map_err(internal)?;
        let anonymous = Principal::anonymous();
        let reply = self
            .replica
            .query_call(canister, anonymous, "http_request", arg.clone())
            .map_err(|r| (StatusCode::BAD_GATEWAY, format!("canister {canister} rejected http_request: {}", r.message)))?;
        let mut response = parse_response(&reply).map_err(bad_gateway)?;
        if response.upgrade {
            let reply = self
                .replica
                .update_call(canister, anonymous, "http_request_update", arg)
                .map_err(|r| (StatusCode::BAD_GATEWAY, format!("canister {canister} rejected http_request_update: {}", r.message)))?;
            response = parse_response(&reply).map_err(bad_gateway)?;
        }
        let mut next = response.streaming.take();
        let mut rounds = 0;
        while let Some((callee, method, token)) = next {
            rounds += 1;
            if rounds > MAX_STREAMING_CHUNKS {
                return Err((StatusCode::BAD_GATEWAY, "streaming response has too many chunks".into()));
            }
            let arg = IDLArgs::new(&[token]).to_bytes().map_err(internal)?;
            let reply = self
                .replica
                .query_call(callee, anonymous, &method, arg)
                .map_err(|r| (StatusCode::BAD_GATEWAY, format!("streaming callback {method} rejected: {}", r.message)))?;
            let (chunk, token) = parse_chunk(&reply).map_err(bad_gateway)?;
            response.body.extend_from_slice(&chunk);
            next = token.map(|t| (callee, method, t));
        }
        Ok(response)
    }
}

fn internal(e: impl std::fmt::Display) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

fn bad_gateway(e: String) -> (StatusCode, String) {
    (StatusCode::BAD_GATEWAY, e)
}

/// Axum fallback: every request outside `/api` goes to a canister.
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
    let body: Bytes = match axum::body::to_bytes(request.into_body(), crate::http::MAX_BODY_BYTES).await {
        Ok(b) => b,
        Err(e) => return (StatusCode::PAYLOAD_TOO_LARGE, format!("request body: {e}")).into_response(),
    };
    let gateway = state.gateway.clone();
    let outcome = tokio::task::spawn_blocking(move || gateway.handle(canister, &method, &url, headers, &body)).await;
    match outcome {
        Ok(Ok(response)) => to_http(response),
        Ok(Err((status, message))) => (status, message).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn to_http(response: HttpResponse) -> Response {
    let status = StatusCode::from_u16(response.status_code).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut out = (status, response.body).into_response();
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

pub fn canister_from_query(query: Option<&str>) -> Option<Principal> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "canisterId")
        .and_then(|(_, v)| Principal::from_text(v).ok())
}

fn field<'a>(fields: &'a [IDLField], name: &str) -> Option<&'a IDLValue> {
    let id = candid::idl_hash(name);
    fields.iter().find(|f| f.id.get_id() == id).map(|f| &f.val)
}

fn blob(value: &IDLValue) -> Option<Vec<u8>> {
    match value {
        IDLValue::Blob(b) => Some(b.clone()),
        IDLValue::Vec(items) => items.iter().map(|v| if let IDLValue::Nat8(b) = v { Some(*b) } else { None }).collect(),
        _ => None,
    }
}

fn text(value: &IDLValue) -> Option<String> {
    if let IDLValue::Text(t) = value { Some(t.clone()) } else { None }
}

fn single_record(reply: &[u8]) -> Result<Vec<IDLField>, String> {
    let args = IDLArgs::from_bytes(reply).map_err(|e| format!("undecodable http_request reply: {e}"))?;
    match args.args.into_iter().next() {
        Some(IDLValue::Record(fields)) => Ok(fields),
        _ => Err("http_request did not reply with a record".into()),
    }
}

fn opt(value: Option<&IDLValue>) -> Option<&IDLValue> {
    match value? {
        IDLValue::Opt(inner) => Some(inner),
        IDLValue::None | IDLValue::Null | IDLValue::Reserved => None,
        other => Some(other),
    }
}

pub fn parse_response(reply: &[u8]) -> Result<HttpResponse, String> {
    let fields = single_record(reply)?;
    let status_code = match field(&fields, "status_code") {
        Some(IDLValue::Nat16(n)) => *n,
        Some(IDLValue::Nat(n)) => n.0.to_string().parse().map_err(|_| "status_code out of range")?,
        _ => return Err("http_request reply has no status_code".into()),
    };
    let body = field(&fields, "body").and_then(blob).ok_or("http_request reply has no body blob")?;
    let mut headers = Vec::new();
    if let Some(IDLValue::Vec(items)) = field(&fields, "headers") {
        for item in items {
            if let IDLValue::Record(pair) = item {
                let name = pair.first().and_then(|f| text(&f.val));
                let value = pair.get(1).and_then(|f| text(&f.val));
                if let (Some(name), Some(value)) = (name, value) {
                    headers.push((name, value));
                }
            }
        }
    }
    let upgrade = matches!(opt(field(&fields, "upgrade")), Some(IDLValue::Bool(true)));
    let streaming = match opt(field(&fields, "streaming_strategy")) {
        Some(IDLValue::Variant(variant)) => match &variant.0.val {
            IDLValue::Record(cb) => match (field(cb, "callback"), field(cb, "token")) {
                (Some(IDLValue::Func(principal, method)), Some(token)) => Some((*principal, method.clone(), token.clone())),
                _ => return Err("streaming_strategy.Callback lacks callback or token".into()),
            },
            _ => None,
        },
        _ => None,
    };
    Ok(HttpResponse { status_code, headers, body, upgrade, streaming })
}

fn parse_chunk(reply: &[u8]) -> Result<(Vec<u8>, Option<IDLValue>), String> {
    let fields = single_record(reply)?;
    let body = field(&fields, "body").and_then(blob).ok_or("streaming callback reply has no body")?;
    let token = opt(field(&fields, "token")).cloned();
    Ok((body, token))
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
        assert_eq!(canister_from_query(Some("a=1&canisterId=ryjl3-tyaaa-aaaaa-aaaba-cai")), Some(id));
        assert_eq!(canister_from_query(Some("a=1")), None);
    }

    #[test]
    fn parses_a_streaming_response() {
        let args = candid_parser::parse_idl_args(
            r#"(record {
                status_code = 200 : nat16;
                headers = vec { record { "IC-Certificate"; "x" } };
                body = blob "abc";
                upgrade = null;
                streaming_strategy = opt variant { Callback = record {
                    callback = func "ryjl3-tyaaa-aaaaa-aaaba-cai".next;
                    token = record { key = "/a"; index = 1 : nat };
                } };
            })"#,
        )
        .unwrap();
        let parsed = parse_response(&args.to_bytes().unwrap()).unwrap();
        assert_eq!(parsed.status_code, 200);
        assert_eq!(parsed.body, b"abc");
        assert_eq!(parsed.headers, vec![("IC-Certificate".to_string(), "x".to_string())]);
        assert!(!parsed.upgrade);
        let (callee, method, _token) = parsed.streaming.unwrap();
        assert_eq!(callee, Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap());
        assert_eq!(method, "next");
    }
}
