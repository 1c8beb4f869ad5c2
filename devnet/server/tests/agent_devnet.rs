//! Unmodified ic-agent 0.49 against a running devnet server with real canister wasm: Ed25519 and
//! delegated identities make update and query calls (query signatures verified) and read_state.

mod common;

use candid::{Decode, Principal};
use common::{agent, counter_arg, deploy_counter, start_devnet, wasm};
use ic_agent::agent::RejectCode;
use ic_agent::identity::{BasicIdentity, DelegatedIdentity};
use ic_agent::{AgentError, Identity};
use ic_transport_types::{Delegation, SignedDelegation};
use sha2::{Digest, Sha256};

#[tokio::test(flavor = "multi_thread")]
async fn ed25519_identity_deploys_updates_queries_and_reads_state() {
    let devnet = start_devnet().await;
    let identity = BasicIdentity::from_raw_key(&[11; 32]);
    let me = identity.sender().unwrap();
    let agent = agent(&devnet.server.url(), identity).await;
    let counter = deploy_counter(&agent).await;

    for expected in 1..=3u64 {
        let reply = agent.update(&counter, "inc").with_arg(counter_arg()).call_and_wait().await.unwrap();
        assert_eq!(Decode!(&reply, u64).unwrap(), expected);
    }
    let reply = agent.query(&counter, "get").with_arg(counter_arg()).call().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 3);

    let module_hash = agent.read_state_canister_info(counter, "module_hash").await.unwrap();
    assert_eq!(module_hash, Sha256::digest(wasm("devnet-counter")).to_vec());
    let controllers = agent.read_state_canister_controllers(counter).await.unwrap();
    assert_eq!(controllers, vec![me]);
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn delegated_identity_calls_the_canister_it_targets() {
    let devnet = start_devnet().await;
    let deployer = agent(&devnet.server.url(), BasicIdentity::from_raw_key(&[12; 32])).await;
    let counter = deploy_counter(&deployer).await;

    let user = BasicIdentity::from_raw_key(&[13; 32]);
    let session = BasicIdentity::from_raw_key(&[14; 32]);
    let delegation = Delegation {
        pubkey: session.public_key().unwrap(),
        expiration: devnet_server::auth::wall_clock_nanos() + 600_000_000_000,
        targets: Some(vec![counter]),
        permissions: None,
    };
    let signature = user.sign_delegation(&delegation).unwrap().signature.unwrap();
    let identity = DelegatedIdentity::new(
        user.public_key().unwrap(),
        Box::new(session),
        vec![SignedDelegation { delegation, signature }],
    )
    .unwrap();
    assert_eq!(identity.sender().unwrap(), user.sender().unwrap());
    let agent = agent(&devnet.server.url(), identity).await;
    let reply = agent.update(&counter, "inc").with_arg(counter_arg()).call_and_wait().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    let reply = agent.query(&counter, "get").with_arg(counter_arg()).call().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    let hash = agent.read_state_canister_info(counter, "module_hash").await.unwrap();
    assert_eq!(hash.len(), 32);
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_canister_gets_destination_invalid() {
    let devnet = start_devnet().await;
    let agent = agent(&devnet.server.url(), BasicIdentity::from_raw_key(&[15; 32])).await;
    let missing = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
    // Refused at submission (interface spec, "API Request submission"): answered at once, uncertified.
    match agent.update(&missing, "inc").with_arg(counter_arg()).call_and_wait().await.unwrap_err() {
        AgentError::UncertifiedReject { reject, .. } => {
            assert_eq!(reject.reject_code, RejectCode::DestinationInvalid);
            assert_eq!(reject.error_code.as_deref(), Some("IC0301"));
        }
        other => panic!("expected a non-replicated rejection with code 3, got {other:?}"),
    }
    match agent.query(&missing, "get").with_arg(counter_arg()).call().await.unwrap_err() {
        AgentError::UncertifiedReject { reject, .. } => assert_eq!(reject.reject_code, RejectCode::DestinationInvalid),
        other => panic!("expected a reject with code 3, got {other:?}"),
    }
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn well_known_canister_ids_can_be_requested() {
    let devnet = start_devnet().await;
    let agent = agent(&devnet.server.url(), BasicIdentity::from_raw_key(&[16; 32])).await;
    let wanted = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
    let id = devnet_server::cli::client::create_canister(&agent, Some(wanted), None).await.unwrap();
    assert_eq!(id, wanted);
    devnet.stop().await.unwrap();
}

/// Regression: the first query on a freshly installed Rust canister grows its heap; the core's
/// rollback of that growth (rebuilding the instance) must not lose the query's reply.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_query_on_a_fresh_canister_replies() {
    let devnet = start_devnet().await;
    let agent = agent(&devnet.server.url(), BasicIdentity::from_raw_key(&[17; 32])).await;
    let counter = deploy_counter(&agent).await;
    let reply = agent.query(&counter, "get").with_arg(counter_arg()).call().await.expect("first query replies");
    assert_eq!(Decode!(&reply, u64).unwrap(), 0);
    devnet.stop().await.unwrap();
}
