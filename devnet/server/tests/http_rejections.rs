//! Bad requests get a 4xx with a message naming the problem; browsers get CORS answers.

mod common;

use candid::Principal;
use common::{agent, counter_arg, deploy_counter, start_devnet};
use devnet_server::auth::wall_clock_nanos;
use ic_agent::identity::{BasicIdentity, DelegatedIdentity};
use ic_agent::Identity;
use ic_transport_types::{Delegation, Envelope, EnvelopeContent, SignedDelegation};
use std::borrow::Cow;

fn call(identity: &dyn Identity, canister: Principal, expiry: u64) -> EnvelopeContent {
    EnvelopeContent::Call {
        nonce: Some(wall_clock_nanos().to_le_bytes().to_vec()),
        ingress_expiry: expiry,
        sender: identity.sender().unwrap(),
        canister_id: canister,
        method_name: "inc".into(),
        arg: counter_arg(),
        sender_info: None,
    }
}

fn envelope(identity: &dyn Identity, content: &EnvelopeContent, tamper: bool) -> Vec<u8> {
    let mut sig = identity.sign(content).unwrap();
    if tamper {
        sig.signature.as_mut().unwrap()[3] ^= 0x40;
    }
    Envelope { content: Cow::Borrowed(content), sender_pubkey: sig.public_key, sender_sig: sig.signature, sender_delegation: sig.delegations }
        .encode_bytes()
}

async fn post(url: &str, content_type: &str, body: Vec<u8>) -> (u16, String) {
    let response = reqwest::Client::new().post(url).header("content-type", content_type).body(body).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn in_two_minutes() -> u64 {
    wall_clock_nanos() + 120_000_000_000
}

#[tokio::test(flavor = "multi_thread")]
async fn tampered_expired_and_mistargeted_requests_get_4xx_with_a_reason() {
    let devnet = start_devnet().await;
    let base = devnet.server.url();
    let identity = BasicIdentity::from_raw_key(&[21; 32]);
    let counter = deploy_counter(&agent(&base, BasicIdentity::from_raw_key(&[21; 32])).await).await;
    let call_url = format!("{base}/api/v4/canister/{counter}/call");

    let body = envelope(&identity, &call(&identity, counter, in_two_minutes()), true);
    let (status, message) = post(&call_url, "application/cbor", body).await;
    assert_eq!(status, 403, "{message}");
    assert!(message.contains("signature"), "{message}");

    let body = envelope(&identity, &call(&identity, counter, wall_clock_nanos() - 1_000_000_000), false);
    let (status, message) = post(&call_url, "application/cbor", body).await;
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("expired"), "{message}");

    let session = BasicIdentity::from_raw_key(&[22; 32]);
    let other = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
    let delegation = Delegation { pubkey: session.public_key().unwrap(), expiration: in_two_minutes(), targets: Some(vec![other]), permissions: None };
    let signature = identity.sign_delegation(&delegation).unwrap().signature.unwrap();
    let delegated = DelegatedIdentity::new_unchecked(identity.public_key().unwrap(), Box::new(session), vec![SignedDelegation { delegation, signature }]);
    let body = envelope(&delegated, &call(&delegated, counter, in_two_minutes()), false);
    let (status, message) = post(&call_url, "application/cbor", body).await;
    assert_eq!(status, 403, "{message}");
    assert!(message.contains("does not allow canister"), "{message}");

    // The same untampered request is accepted: the rejections above are about what was wrong.
    let body = envelope(&identity, &call(&identity, counter, in_two_minutes()), false);
    let (status, message) = post(&call_url, "application/cbor", body).await;
    assert_eq!(status, 200, "{message}");
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_requests_get_4xx_and_the_server_keeps_serving() {
    let devnet = start_devnet().await;
    let base = devnet.server.url();
    let id = "ryjl3-tyaaa-aaaaa-aaaba-cai";
    let (status, message) = post(&format!("{base}/api/v3/canister/{id}/query"), "application/cbor", b"\xa1\x61".to_vec()).await;
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("CBOR"), "{message}");
    let (status, message) = post(&format!("{base}/api/v3/canister/{id}/query"), "text/plain", b"hi".to_vec()).await;
    assert_eq!(status, 415, "{message}");
    assert!(message.contains("application/cbor"), "{message}");
    let (status, message) = post(&format!("{base}/api/v3/canister/not-a-principal/query"), "application/cbor", vec![]).await;
    assert_eq!(status, 400, "{message}");
    let (status, _) = post(&format!("{base}/api/v4/canister/{id}/call"), "application/cbor", vec![0u8; 4 * 1024 * 1024]).await;
    assert_eq!(status, 413);
    let status = reqwest::get(format!("{base}/api/v2/status")).await.unwrap().status();
    assert_eq!(status, 200);
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn cors_preflight_allows_a_browser_on_another_origin() {
    let devnet = start_devnet().await;
    let response = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, format!("{}/api/v3/canister/aaaaa-aa/query", devnet.server.url()))
        .header("origin", "http://localhost:8080")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 204);
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(headers["access-control-allow-methods"].to_str().unwrap().contains("POST"));
    assert_eq!(headers["access-control-allow-headers"], "content-type");
    devnet.stop().await.unwrap();
}
