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

/// The root key the requests in these tests are checked against.
fn root_certifier() -> devnet::Certifier {
    devnet::Certifier::from_seed(b"auth-tests")
}

fn check(body: &[u8], target: Principal) -> Result<(), crate::error::ApiError> {
    authenticate(&decode(body).unwrap(), NOW, Some(target), root_certifier().root_key_der())
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

/// A canister signature as Internet Identity makes one: `signer` puts `sig/<hash(seed)>/<hash(message)>` in a
/// tree whose root hash is its certified data, and a certificate signed by `root` vouches for that data.
fn canister_signature(root: &devnet::Certifier, signer: Principal, seed: &[u8], message: &[u8]) -> Vec<u8> {
    use ic_certification::{labeled, leaf, HashTree};
    use sha2::{Digest, Sha256};
    #[derive(serde::Serialize)]
    struct CanisterSig<'a> {
        #[serde(with = "serde_bytes")]
        certificate: Vec<u8>,
        tree: &'a HashTree,
    }
    let seed_hash: [u8; 32] = Sha256::digest(seed).into();
    let message_hash: [u8; 32] = Sha256::digest(message).into();
    let tree = labeled(b"sig", labeled(seed_hash, labeled(message_hash, leaf(b""))));
    let certificate = root.data_certificate(signer, &tree.digest(), NOW);
    crate::certificate::self_describing_cbor(&CanisterSig { certificate, tree: &tree })
}

/// A session key delegated to by a canister-signature user key (`signer`, seed "alice"), signed under `root`.
fn canister_signed_session(root: &devnet::Certifier, signed_message: Option<&[u8]>) -> (Vec<u8>, DelegatedIdentity, SignedDelegation) {
    let signer = Principal::from_slice(&[0, 0, 0, 0, 0, 0, 0, 7, 1, 1]);
    let user_key = ic_canister_sig_creation::CanisterSigPublicKey::new(signer, b"alice".to_vec()).to_der();
    let session = ed25519(2);
    let delegation = Delegation { pubkey: session.public_key().unwrap(), expiration: NOW + 1_000_000_000_000, targets: None, permissions: None };
    let signable = delegation.signable();
    let signature = canister_signature(root, signer, b"alice", signed_message.unwrap_or(&signable));
    let signed = SignedDelegation { delegation, signature };
    (user_key.clone(), DelegatedIdentity::new_unchecked(user_key, Box::new(session), vec![signed.clone()]), signed)
}

#[test]
fn accepts_a_delegation_signed_with_a_canister_signature_as_ic_agent_does() {
    let (user_key, identity, delegation) = canister_signed_session(&root_certifier(), None);
    assert_eq!(identity.sender().unwrap(), Principal::self_authenticating(&user_key));
    check(&signed(&identity, &call_from(&identity, NOW + 60_000_000_000)), canister()).unwrap();
    DelegatedIdentity::new_with_root_key(user_key, Box::new(ed25519(2)), vec![delegation], root_certifier().root_key_der())
        .expect("ic-agent accepts the same chain");
}

#[test]
fn refuses_a_canister_signature_certified_by_another_root_key() {
    let (_, identity, _) = canister_signed_session(&devnet::Certifier::from_seed(b"another network"), None);
    let err = check(&signed(&identity, &call_from(&identity, NOW + 60_000_000_000)), canister()).unwrap_err();
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    assert!(err.message.contains("delegation 0: invalid canister signature"), "{}", err.message);
}

#[test]
fn refuses_a_canister_signature_over_another_message() {
    let (_, identity, _) = canister_signed_session(&root_certifier(), Some(b"some other delegation"));
    let err = check(&signed(&identity, &call_from(&identity, NOW + 60_000_000_000)), canister()).unwrap_err();
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    assert!(err.message.contains("signature entry not found"), "{}", err.message);
}
