//! Host tests of the services (what needs the system API, signatures and the salt draw, runs on devnet).
use candid::Principal;
use ic_http_certification::{HttpRequest, StatusCode};

use icto_shared::dev_identity::DevIdentityError;
use crate::services::{certification, delegations, http, network, user_keys, users};

const APP: &str = "http://app.localhost:4943";

#[test]
fn refuses_bad_names_and_origins() {
    assert!(users::validate_user("alice").is_ok());
    for bad in ["", "Alice", "a b", "é", &"a".repeat(33)] {
        assert!(users::validate_user(bad).is_err(), "{bad:?}");
    }
    assert!(users::validate_origin("http://x.localhost:4943").is_ok());
    for bad in ["x.localhost", "http://", "http://a/b", "ftp://a", "http://a b"] {
        assert!(users::validate_origin(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn registration_is_idempotent() {
    users::register("carol", 1).unwrap();
    users::register("carol", 2).unwrap();
    assert_eq!(users::list(), vec!["carol".to_string()]);
    assert!(matches!(users::register("Bad Name", 3), Err(DevIdentityError::InvalidUserName(_))));
}

#[test]
fn refuses_the_mainnet_root_key_only() {
    let mainnet = ic_canister_sig_creation::IC_ROOT_PK_DER;
    let refusal = network::require_local(mainnet).unwrap_err();
    assert!(refusal.contains("mainnet"), "{refusal}");
    let mut local = mainnet.to_vec();
    local[100] ^= 1;
    network::require_local(&local).unwrap();
}

#[test]
fn user_keys_are_canister_signature_keys_per_user_origin_and_salt() {
    let canister = Principal::from_slice(&[0, 0, 0, 0, 0, 0, 0, 5, 1, 1]);
    let salt = [1u8; 32];
    let alice = user_keys::seed(&salt, "alice", APP);
    assert_ne!(alice, user_keys::seed(&salt, "bob", APP));
    assert_ne!(alice, user_keys::seed(&salt, "alice", "http://other.localhost"));
    assert_ne!(alice, user_keys::seed(&[2u8; 32], "alice", APP));
    assert_ne!(user_keys::seed(&salt, "ab", "c"), user_keys::seed(&salt, "a", "bc"));

    let der = user_keys::public_key_der(canister, &alice);
    let parsed = ic_canister_sig_creation::CanisterSigPublicKey::try_from(der.as_slice()).unwrap();
    assert_eq!((parsed.canister_id, parsed.seed.as_slice()), (canister, alice.as_slice()));
    assert_eq!(user_keys::principal(canister, &alice), Principal::self_authenticating(&der));
}

#[test]
fn certifies_skipping_exactly_as_ic_http_certification_does() {
    assert_eq!(
        certification::SKIP_CERTIFICATION_EXPRESSION,
        ic_http_certification::DefaultCelBuilder::skip_certification().to_string()
    );
    assert_eq!(certification::http_root(), ic_http_certification::utils::skip_certification_certified_data());
    // The certified data covers the signatures: a new signature changes it.
    assert_ne!(certification::certified_data([0; 32]), certification::certified_data([1; 32]));
    let [(certificate, value), (expression, skip)] = certification::skip_headers(b"cert", [0; 32]);
    assert_eq!((certificate.as_str(), expression.as_str()), ("IC-Certificate", "IC-CertificateExpression"));
    assert!(value.starts_with("certificate=:Y2VydA==:, tree=:") && value.ends_with(":, version=2"), "{value}");
    assert_eq!(skip, certification::SKIP_CERTIFICATION_EXPRESSION);
}

#[test]
fn delegation_lifetime_defaults_to_eight_hours_and_is_capped() {
    assert_eq!(delegations::expiration(1_000, None), 1_000 + delegations::DEFAULT_TTL_NANOS);
    assert_eq!(delegations::expiration(1_000, Some(u64::MAX)), 1_000 + delegations::MAX_TTL_NANOS);
    assert_eq!(delegations::expiration(1_000, Some(0)), 1_001);
}

fn get(url: &str) -> ic_http_certification::HttpResponse<'static> {
    http::serve_query(&HttpRequest::get(url).build(), Some([1; 32])).expect("a query answer")
}

fn post(url: &str, body: &str) -> HttpRequest<'static> {
    HttpRequest::post(url).with_body(body.as_bytes().to_vec()).build()
}

#[test]
fn serves_the_page_and_routes_prepare_to_an_update() {
    let page = get("/");
    assert_eq!(page.status_code(), StatusCode::OK);
    assert!(String::from_utf8_lossy(page.body()).contains("authorize-ready"));
    let header = |name: &str| page.headers().iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    assert_eq!(header("content-security-policy").as_deref(), Some("frame-ancestors 'none'"));
    assert_eq!(header("cache-control").as_deref(), Some("no-store"));

    assert!(http::serve_query(&post("/api/prepare", "{}"), None).is_none(), "a prepare is upgraded to an update");
    let put = HttpRequest::builder().with_method(ic_http_certification::Method::PUT).with_url("/").build();
    assert_eq!(http::serve_query(&put, None).unwrap().status_code(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(get("/api/delegation?user=alice").status_code(), StatusCode::BAD_REQUEST);
    let no_salt = http::serve_query(
        &HttpRequest::get("/api/delegation?user=alice&origin=x&pubkey=30&expiration=1").build(),
        None,
    )
    .unwrap();
    assert_eq!(no_salt.status_code(), StatusCode::SERVICE_UNAVAILABLE);
}

#[test]
fn reads_a_prepare_request_and_refuses_bad_ones() {
    let pubkey = hex::encode([0x30u8; 91]);
    let body = format!(r#"{{"user":"alice","origin":"{APP}","sessionPublicKey":"{pubkey}","maxTimeToLive":"60000000000"}}"#);
    let args = http::parse_prepare(&post("/api/prepare", &body)).unwrap();
    assert_eq!((args.user.as_str(), args.origin.as_str(), args.max_time_to_live), ("alice", APP, Some(60_000_000_000)));
    assert_eq!(args.session_public_key, vec![0x30u8; 91]);

    let refused = |body: &str| http::parse_prepare(&post("/api/prepare", body)).unwrap_err().status_code();
    assert_eq!(refused("not json"), StatusCode::BAD_REQUEST);
    assert_eq!(refused(&body.replace("alice", "Alice")), StatusCode::BAD_REQUEST);
    assert_eq!(refused(&body.replace(&pubkey, "zz")), StatusCode::BAD_REQUEST);
    assert_eq!(refused(&body.replace(&pubkey, "01")), StatusCode::BAD_REQUEST, "not a DER key");
    assert_eq!(refused(&body.replace("60000000000", "soon")), StatusCode::BAD_REQUEST);
    assert_eq!(refused(&" ".repeat(http::MAX_BODY_BYTES + 1)), StatusCode::PAYLOAD_TOO_LARGE);
    let elsewhere = post("/api/other", &body);
    assert_eq!(http::parse_prepare(&elsewhere).unwrap_err().status_code(), StatusCode::NOT_FOUND);
}
