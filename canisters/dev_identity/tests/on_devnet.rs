//! The dev identity provider on devnet: users and the seed survive upgrade, delegations verify.
use candid::Principal;
use dev_identity::api::{DelegateArgs, DelegationReply, DevIdentityError, InitArgs};
use devnet::Devnet;

const ORIGIN: &str = "http://uxrrr-q7777-77774-qaaaq-cai.localhost:4943";

use devnet::built_wasm as wasm;

fn principal_of(devnet: &Devnet, canister: Principal, user: &str) -> Principal {
    let reply: Result<Principal, DevIdentityError> = devnet
        .query_candid(canister, Principal::anonymous(), "user_principal", (user.to_string(), ORIGIN.to_string()))
        .unwrap();
    reply.unwrap()
}

#[test]
fn users_and_keys_survive_upgrade() {
    let devnet = Devnet::new();
    let controller = Principal::from_slice(&[7; 29]);
    let canister = devnet.create_canister(controller);
    devnet.install_code(canister, wasm("dev_identity"), candid::encode_one(None::<InitArgs>).unwrap(), controller).unwrap();

    let users: Vec<String> = devnet.query_candid(canister, Principal::anonymous(), "users", ()).unwrap();
    assert_eq!(users, ["alice", "bob", "carol"]);
    let added: Result<(), DevIdentityError> =
        devnet.update_candid(canister, Principal::anonymous(), "add_user", ("dave".to_string(),)).unwrap();
    added.unwrap();
    let refused: Result<(), DevIdentityError> =
        devnet.update_candid(canister, Principal::anonymous(), "add_user", ("Not Valid".to_string(),)).unwrap();
    assert!(matches!(refused, Err(DevIdentityError::InvalidUserName(_))));
    let alice = principal_of(&devnet, canister, "alice");
    assert_ne!(alice, principal_of(&devnet, canister, "bob"));

    devnet.upgrade_canister(canister, wasm("dev_identity"), candid::encode_args(()).unwrap(), controller).unwrap();
    let users: Vec<String> = devnet.query_candid(canister, Principal::anonymous(), "users", ()).unwrap();
    assert_eq!(users, ["alice", "bob", "carol", "dave"]);
    assert_eq!(principal_of(&devnet, canister, "alice"), alice, "the seed survives upgrade");
}

#[test]
fn delegation_is_signed_by_the_user_key() {
    let devnet = Devnet::new();
    let controller = Principal::from_slice(&[7; 29]);
    let canister = devnet.create_canister(controller);
    let init = InitArgs { seed: Some(serde_bytes::ByteBuf::from(vec![3u8; 32])), users: Some(vec!["erin".into()]) };
    devnet.install_code(canister, wasm("dev_identity"), candid::encode_one(Some(init)).unwrap(), controller).unwrap();

    let session_key = [0x30u8; 44].to_vec();
    let args = DelegateArgs {
        user: "erin".into(),
        origin: ORIGIN.into(),
        session_public_key: session_key.clone(),
        max_time_to_live: Some(60_000_000_000),
    };
    let reply: Result<DelegationReply, DevIdentityError> =
        devnet.query_candid(canister, Principal::anonymous(), "delegate", (args,)).unwrap();
    let reply = reply.unwrap();
    assert_eq!(reply.principal, principal_of(&devnet, canister, "erin"));
    assert_eq!(reply.delegation.delegation.expiration, devnet.time_nanos() + 60_000_000_000);

    let signable = ic_transport_types::Delegation {
        pubkey: session_key,
        expiration: reply.delegation.delegation.expiration,
        targets: None,
        permissions: None,
    }
    .signable();
    let raw_key: [u8; 32] = reply.user_public_key[12..].try_into().unwrap();
    let key = ed25519_consensus::VerificationKey::try_from(raw_key).unwrap();
    let signature = ed25519_consensus::Signature::try_from(reply.delegation.signature.as_slice()).unwrap();
    key.verify(&signature, &signable).expect("the delegation verifies with the user's public key");
}
