//! Authentication checks, with envelopes signed by ic-agent's own identities.

use crate::auth::{authenticate, MAX_INGRESS_EXPIRY_NANOS};
use crate::envelope::decode;
use axum::http::StatusCode;
use candid::Principal;
use ic_agent::identity::{BasicIdentity, DelegatedIdentity, Prime256v1Identity, Secp256k1Identity};
use ic_agent::Identity;
use ic_transport_types::{Delegation, Envelope, EnvelopeContent, SignedDelegation};
use std::borrow::Cow;

const NOW: u64 = 1_800_000_000_000_000_000;

fn canister() -> Principal {
    Principal::from_slice(&[0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
}

fn call_from(identity: &dyn Identity, expiry: u64) -> EnvelopeContent {
    EnvelopeContent::Call {
        nonce: Some(vec![9]),
        ingress_expiry: expiry,
        sender: identity.sender().unwrap(),
        canister_id: canister(),
        method_name: "inc".into(),
        arg: vec![],
        sender_info: None,
    }
}

fn signed(identity: &dyn Identity, content: &EnvelopeContent) -> Vec<u8> {
    let sig = identity.sign(content).unwrap();
    Envelope {
        content: Cow::Borrowed(content),
        sender_pubkey: sig.public_key,
        sender_sig: sig.signature,
        sender_delegation: sig.delegations,
    }
    .encode_bytes()
}

fn check(body: &[u8], target: Principal) -> Result<(), crate::error::ApiError> {
    authenticate(&decode(body).unwrap(), NOW, Some(target))
}

fn ed25519(seed: u8) -> BasicIdentity {
    BasicIdentity::from_raw_key(&[seed; 32])
}

fn delegated(targets: Option<Vec<Principal>>, expiration: u64) -> DelegatedIdentity {
    let root = ed25519(1);
    let session = ed25519(2);
    let delegation = Delegation { pubkey: session.public_key().unwrap(), expiration, targets, permissions: None };
    let signature = root.sign_delegation(&delegation).unwrap().signature.unwrap();
    DelegatedIdentity::new_unchecked(
        root.public_key().unwrap(),
        Box::new(session),
        vec![SignedDelegation { delegation, signature }],
    )
}

#[test]
fn accepts_each_supported_key_type() {
    let p256 = Prime256v1Identity::from_private_key(p256::SecretKey::from_slice(&[7; 32]).unwrap());
    let k256 = Secp256k1Identity::from_private_key(k256::SecretKey::from_slice(&[7; 32]).unwrap());
    let identities: Vec<Box<dyn Identity>> = vec![Box::new(ed25519(3)), Box::new(p256), Box::new(k256)];
    for identity in identities {
        let body = signed(&*identity, &call_from(&*identity, NOW + 60_000_000_000));
        check(&body, canister()).unwrap();
    }
}

#[test]
fn rejects_a_tampered_signature() {
    let identity = ed25519(3);
    let content = call_from(&identity, NOW + 60_000_000_000);
    let mut sig = identity.sign(&content).unwrap();
    sig.signature.as_mut().unwrap()[0] ^= 1;
    let body = Envelope { content: Cow::Borrowed(&content), sender_pubkey: sig.public_key, sender_sig: sig.signature, sender_delegation: None }
        .encode_bytes();
    let err = check(&body, canister()).unwrap_err();
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    assert!(err.message.contains("invalid Ed25519 signature"), "{}", err.message);
}

#[test]
fn rejects_a_sender_that_does_not_match_the_key() {
    let identity = ed25519(3);
    let mut content = call_from(&identity, NOW + 60_000_000_000);
    if let EnvelopeContent::Call { sender, .. } = &mut content {
        *sender = ed25519(4).sender().unwrap();
    }
    let err = check(&signed(&identity, &content), canister()).unwrap_err();
    assert!(err.message.contains("does not match"), "{}", err.message);
}

#[test]
fn rejects_expired_and_far_future_requests() {
    let identity = ed25519(3);
    let err = check(&signed(&identity, &call_from(&identity, NOW - 1)), canister()).unwrap_err();
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    assert!(err.message.contains("expired"), "{}", err.message);
    let far = NOW + MAX_INGRESS_EXPIRY_NANOS + 1;
    let err = check(&signed(&identity, &call_from(&identity, far)), canister()).unwrap_err();
    assert!(err.message.contains("too far in the future"), "{}", err.message);
}

#[test]
fn accepts_a_delegation_chain_and_enforces_targets_and_expiration() {
    let ok = delegated(Some(vec![canister()]), NOW + 1_000_000_000_000);
    check(&signed(&ok, &call_from(&ok, NOW + 60_000_000_000)), canister()).unwrap();

    let elsewhere = delegated(Some(vec![Principal::management_canister()]), NOW + 1_000_000_000_000);
    let err = check(&signed(&elsewhere, &call_from(&elsewhere, NOW + 60_000_000_000)), canister()).unwrap_err();
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    assert!(err.message.contains("does not allow canister"), "{}", err.message);

    let expired = delegated(None, NOW - 1);
    let err = check(&signed(&expired, &call_from(&expired, NOW + 60_000_000_000)), canister()).unwrap_err();
    assert!(err.message.contains("expired"), "{}", err.message);
}

#[test]
fn rejects_a_delegation_not_signed_by_the_sender_key() {
    let root = ed25519(1);
    let session = ed25519(2);
    let delegation = Delegation { pubkey: session.public_key().unwrap(), expiration: NOW + 1, targets: None, permissions: None };
    let signature = ed25519(5).sign_delegation(&delegation).unwrap().signature.unwrap();
    let forged = DelegatedIdentity::new_unchecked(root.public_key().unwrap(), Box::new(session), vec![SignedDelegation { delegation, signature }]);
    let err = check(&signed(&forged, &call_from(&forged, NOW + 60_000_000_000)), canister()).unwrap_err();
    assert!(err.message.contains("delegation 0"), "{}", err.message);
}

#[test]
fn anonymous_requests_need_no_signature_but_may_not_carry_one() {
    let anonymous = ic_agent::identity::AnonymousIdentity;
    let content = call_from(&anonymous, NOW + 60_000_000_000);
    check(&signed(&anonymous, &content), canister()).unwrap();
    let body = Envelope { content: Cow::Borrowed(&content), sender_pubkey: None, sender_sig: Some(vec![1]), sender_delegation: None }
        .encode_bytes();
    assert!(check(&body, canister()).is_err());
}
