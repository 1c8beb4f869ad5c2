//! The HTTP interface against unmodified ic-agent, over an in-memory replica (protocol only; the
//! same flows against real canister wasm are in `agent_devnet.rs`).

mod common;

use candid::{Decode, Encode, Principal};
use common::fake_replica::FakeReplica;
use common::{agent, start_server};
use ic_agent::agent::RejectCode;
use ic_agent::identity::{BasicIdentity, DelegatedIdentity};
use ic_agent::{AgentError, Identity};
use ic_transport_types::{Delegation, SignedDelegation};
use std::sync::Arc;

fn counter_id() -> Principal {
    Principal::from_text("rrkah-fqaaa-aaaaa-aaaaq-cai").unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn ed25519_identity_updates_queries_and_reads_state() {
    let server = start_server(Arc::new(FakeReplica::with_canisters(&[counter_id()]))).await;
    let agent = agent(&server.url(), BasicIdentity::from_raw_key(&[3; 32])).await;
    let reply = agent.update(&counter_id(), "inc").with_arg(Encode!().unwrap()).call_and_wait().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    let reply = agent.query(&counter_id(), "get").with_arg(Encode!().unwrap()).call().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    let hash = agent.read_state_canister_info(counter_id(), "module_hash").await.unwrap();
    assert_eq!(hash, vec![7; 32]);
    let candid = agent.read_state_canister_metadata(counter_id(), "candid:service").await.unwrap();
    assert_eq!(candid, b"service : {}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn delegated_identity_calls_its_target() {
    let server = start_server(Arc::new(FakeReplica::with_canisters(&[counter_id()]))).await;
    let root = BasicIdentity::from_raw_key(&[1; 32]);
    let session = BasicIdentity::from_raw_key(&[2; 32]);
    let delegation = Delegation {
        pubkey: session.public_key().unwrap(),
        expiration: devnet_server::auth::wall_clock_nanos() + 600_000_000_000,
        targets: Some(vec![counter_id()]),
        permissions: None,
    };
    let signature = root.sign_delegation(&delegation).unwrap().signature.unwrap();
    let identity = DelegatedIdentity::new_unchecked(
        root.public_key().unwrap(),
        Box::new(session),
        vec![SignedDelegation { delegation, signature }],
    );
    let agent = agent(&server.url(), identity).await;
    let reply = agent.update(&counter_id(), "inc").with_arg(Encode!().unwrap()).call_and_wait().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    let reply = agent.query(&counter_id(), "get").with_arg(Encode!().unwrap()).call().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_canister_is_destination_invalid_for_update_and_query() {
    let server = start_server(Arc::new(FakeReplica::with_canisters(&[counter_id()]))).await;
    let agent = agent(&server.url(), BasicIdentity::from_raw_key(&[3; 32])).await;
    let missing = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
    let err = agent.update(&missing, "inc").with_arg(Encode!().unwrap()).call_and_wait().await.unwrap_err();
    match err {
        // Refused at submission, so answered at once and not certified.
        AgentError::UncertifiedReject { reject, .. } => assert_eq!(reject.reject_code, RejectCode::DestinationInvalid),
        other => panic!("expected a non-replicated rejection, got {other:?}"),
    }
    let err = agent.query(&missing, "get").with_arg(Encode!().unwrap()).call().await.unwrap_err();
    match err {
        AgentError::UncertifiedReject { reject, .. } => assert_eq!(reject.reject_code, RejectCode::DestinationInvalid),
        other => panic!("expected an uncertified reject, got {other:?}"),
    }
    server.shutdown().await;
}
