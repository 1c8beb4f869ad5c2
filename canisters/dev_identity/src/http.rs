//! The provider's web page and its small JSON API, served by `http_request` (a query: keys are derived, so
//! signing needs no state change). Responses are explicitly uncertified (skip certification): they depend on
//! the caller's query string and time.
use ic_http_certification::{HttpRequest, HttpResponse, StatusCode};

use crate::repository;
use crate::service;

const PAGE: &str = include_str!("page.html");

fn response(status: StatusCode, content_type: &str, body: Vec<u8>) -> HttpResponse<'static> {
    HttpResponse::builder()
        .with_status_code(status)
        .with_headers(vec![
            ("content-type".into(), content_type.into()),
            ("cache-control".into(), "no-store".into()),
        ])
        .with_body(body)
        .build()
}

fn json(status: StatusCode, value: serde_json::Value) -> HttpResponse<'static> {
    response(status, "application/json", value.to_string().into_bytes())
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

fn delegate(query: &str, now: u64) -> HttpResponse<'static> {
    let bad = |message: &str| json(StatusCode::BAD_REQUEST, serde_json::json!({ "error": message }));
    let (Some(user), Some(origin), Some(pubkey)) =
        (query_param(query, "user"), query_param(query, "origin"), query_param(query, "pubkey"))
    else {
        return bad("user, origin and pubkey are required");
    };
    let Ok(session_key) = hex::decode(&pubkey) else { return bad("pubkey must be hex") };
    let ttl = match query_param(query, "ttl") {
        None => None,
        Some(text) => match text.parse::<u64>() {
            Ok(ttl) => Some(ttl),
            Err(_) => return bad("ttl must be a number of nanoseconds"),
        },
    };
    match service::delegate(&user, &origin, session_key, ttl, now) {
        Ok(reply) => json(
            StatusCode::OK,
            serde_json::json!({
                "userPublicKey": hex::encode(&reply.user_public_key),
                "principal": reply.principal.to_text(),
                "delegation": {
                    "pubkey": hex::encode(&reply.delegation.delegation.pubkey),
                    // A string: JSON numbers lose precision above 2^53.
                    "expiration": reply.delegation.delegation.expiration.to_string(),
                },
                "signature": hex::encode(&reply.delegation.signature),
            }),
        ),
        Err(error) => bad(&format!("{error:?}")),
    }
}

pub fn serve(request: &HttpRequest, now: u64) -> HttpResponse<'static> {
    let url = request.url();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        "/api/users" => json(StatusCode::OK, serde_json::json!(repository::users())),
        "/api/delegate" => delegate(query, now),
        _ => response(StatusCode::OK, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> HttpResponse<'static> {
        serve(&HttpRequest::get(url).build(), 1_000)
    }

    #[test]
    fn serves_the_page_and_a_delegation() {
        assert!(String::from_utf8_lossy(get("/").body()).contains("authorize-ready"));
        let pubkey = hex::encode([0x30u8; 44]);
        let ok = get(&format!("/api/delegate?user=alice&origin=http%3A%2F%2Fapp.localhost%3A4943&pubkey={pubkey}&ttl=5"));
        assert_eq!(ok.status_code(), StatusCode::OK);
        let body: serde_json::Value = serde_json::from_slice(ok.body()).unwrap();
        assert_eq!(body["delegation"]["expiration"], "1005");
        assert_eq!(
            body["principal"].as_str().unwrap(),
            service::principal("alice", "http://app.localhost:4943").unwrap().to_text()
        );
        let refused = get("/api/delegate?user=Alice&origin=http%3A%2F%2Fa&pubkey=30");
        assert_eq!(refused.status_code(), StatusCode::BAD_REQUEST);
    }
}
