//! HTTP gateway (the IC's HTTP gateway protocol): serves canisters over plain HTTP by calling their
//! `http_request` query (and `http_request_update` when the canister asks for an upgrade), following
//! streaming callbacks, and verifying the response's certification against the root key as the IC's
//! gateway does: a query response without a valid certificate is refused unless the canister certifiably
//! skips certification; of a certified (v2) response only the certified headers reach the client.
//! Routing (which canister a request is for) lives in `http/gateway_routes.rs`.

use crate::replica::Replica;
use axum::http::StatusCode;
use candid::types::value::{IDLField, IDLValue};
use candid::{CandidType, Encode, IDLArgs, Principal};
use std::sync::Arc;

/// Streaming bodies are followed for at most this many callback rounds.
const MAX_STREAMING_CHUNKS: usize = 4096;

/// How far a response's certificate time may be from the gateway's clock (the IC gateway's 5 minutes).
const MAX_CERT_TIME_OFFSET_NANOS: u128 = 300_000_000_000;

pub struct Gateway {
    replica: Arc<dyn Replica>,
    root_key_der: Vec<u8>,
}

#[derive(CandidType)]
struct HttpRequest<'a> {
    method: &'a str,
    url: &'a str,
    headers: Vec<(String, String)>,
    body: &'a serde_bytes::Bytes,
    certificate_version: Option<u16>,
}

/// What the client receives: status, headers (certified ones only, for a certified response) and body.
#[derive(Debug, Default)]
pub struct GatewayResponse {
    pub status_code: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The canister's reply to `http_request`.
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
        let root_key_der = replica.root_key_der();
        Self { replica, root_key_der }
    }

    /// Runs one request through the canister and verifies the response (not on `raw` domains, which
    /// the IC serves unverified); blocking (call it on a blocking thread).
    pub fn handle(&self, canister: Principal, raw: bool, method: &str, url: &str, headers: Vec<(String, String)>, body: &[u8]) -> Result<GatewayResponse, (StatusCode, String)> {
        if !self.replica.canister_exists(&canister) {
            return Err((StatusCode::NOT_FOUND, format!("canister {canister} not found")));
        }
        let (response, upgraded) = self.call_canister(canister, method, url, with_identity_encoding(&headers), body)?;
        if upgraded || raw {
            // An update call's reply went through consensus: there is nothing to verify.
            return Ok(GatewayResponse { status_code: response.status_code, headers: response.headers, body: response.body });
        }
        let method = ic_http_certification::Method::from_bytes(method.as_bytes())
            .map_err(|e| (StatusCode::BAD_REQUEST, format!("bad method: {e}")))?;
        let request = ic_http_certification::HttpRequest::builder()
            .with_method(method)
            .with_url(url)
            .with_headers(headers)
            .with_body(body.to_vec())
            .build();
        self.verify(canister, request, response)
    }

    /// Verifies a query response as the IC's HTTP gateway does (`ic-response-verification`, versions 1 and 2).
    fn verify(
        &self,
        canister: Principal,
        request: ic_http_certification::HttpRequest<'_>,
        response: HttpResponse,
    ) -> Result<GatewayResponse, (StatusCode, String)> {
        let status_code = response.status_code;
        let to_verify = ic_http_certification::HttpResponse::builder()
            .with_status_code(ic_http_certification::StatusCode::from_u16(status_code).map_err(|e| bad_gateway(e.to_string()))?)
            .with_headers(response.headers.clone())
            .with_body(response.body.clone())
            .build();
        let info = ic_response_verification::verify_request_response_pair(
            request,
            to_verify,
            canister.as_slice(),
            // The gateway keeps the network's time (on the IC both follow real time; a devnet clock moved
            // ahead must not make its certificates look like they come from the future).
            self.replica.time_nanos() as u128,
            MAX_CERT_TIME_OFFSET_NANOS,
            &self.root_key_der,
            ic_response_verification::MIN_VERIFICATION_VERSION,
        )
        .map_err(|e| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Response verification failed: canister {canister} sent a response that does not verify against the root key ({e})"),
            )
        })?;
        let headers = match (info.verification_version, info.response) {
            (1, _) => {
                // v1 certifies the body only: refuse redirects and drop caching instructions, as the IC does.
                if (300..400).contains(&status_code) {
                    return Err((StatusCode::INTERNAL_SERVER_ERROR, "Response verification v1 does not allow redirects".into()));
                }
                response.headers.into_iter().filter(|(name, _)| !name.eq_ignore_ascii_case("cache-control")).collect()
            }
            // The canister certifiably skipped certification: the response is passed on as it is.
            (_, None) => response.headers,
            (_, Some(certified)) => certified.headers,
        };
        Ok(GatewayResponse { status_code, headers, body: response.body })
    }

    /// `http_request`, then `http_request_update` if the canister asks, then the streaming callbacks.
    /// Returns the response and whether it came from the update call.
    fn call_canister(&self, canister: Principal, method: &str, url: &str, headers: Vec<(String, String)>, body: &[u8]) -> Result<(HttpResponse, bool), (StatusCode, String)> {
        let request = HttpRequest { method, url, headers, body: serde_bytes::Bytes::new(body), certificate_version: Some(2) };
        let arg = Encode!(&request).map_err(internal)?;
        let anonymous = Principal::anonymous();
        let reply = self
            .replica
            .query_call(canister, anonymous, "http_request", arg.clone())
            .map_err(|r| (StatusCode::BAD_GATEWAY, format!("canister {canister} rejected http_request: {}", r.message)))?;
        let mut response = parse_response(&reply).map_err(bad_gateway)?;
        let upgraded = response.upgrade;
        if upgraded {
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
        Ok((response, upgraded))
    }
}

/// Clients may always take `identity`: the IC's gateway adds it to `Accept-Encoding` before asking the canister.
fn with_identity_encoding(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            if !name.eq_ignore_ascii_case("accept-encoding") {
                return (name.clone(), value.clone());
            }
            let mut encodings: Vec<&str> = value.split(',').map(str::trim).filter(|e| !e.is_empty()).collect();
            if !encodings.iter().any(|e| e.split(';').next().is_some_and(|name| name.trim().eq_ignore_ascii_case("identity"))) {
                encodings.push("identity");
            }
            (name.clone(), encodings.join(", "))
        })
        .collect()
}

fn internal(e: impl std::fmt::Display) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

fn bad_gateway(e: String) -> (StatusCode, String) {
    (StatusCode::BAD_GATEWAY, e)
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
    fn adds_identity_to_accept_encoding_once() {
        let headers = |value: &str| vec![("Accept-Encoding".to_string(), value.to_string())];
        assert_eq!(with_identity_encoding(&headers("gzip, br")), headers("gzip, br, identity"));
        assert_eq!(with_identity_encoding(&headers("gzip;q=0, identity;q=1")), headers("gzip;q=0, identity;q=1"));
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
