//! The call path over HTTP: calls the IC refuses before they enter the state are answered at
//! once and never certified (interface spec, "Request: Call": `non_replicated_rejection`;
//! "Request: Asynchronous Call": 200 with the reject), and concurrent calls interleave at awaits
//! as on the IC (a reentrancy test that fails if the server runs call trees one at a time).

mod common;

use candid::{Decode, Encode, Principal};
use common::{agent, start_devnet, wasm};
use devnet_server::auth::wall_clock_nanos;
use devnet_server::cli::client;
use ic_agent::identity::BasicIdentity;
use ic_agent::{Agent, AgentError, Identity};
use ic_management_canister_types::CanisterInstallMode;
use ic_transport_types::{Envelope, EnvelopeContent};
use std::borrow::Cow;

async fn deploy_probe(agent: &Agent) -> Principal {
    let id = client::create_canister(agent, None, None).await.expect("create_canister");
    client::install(agent, id, wasm("devnet-probe"), Encode!().unwrap(), CanisterInstallMode::Install).await.expect("install probe");
    id
}

fn signed_call(identity: &dyn Identity, canister: Principal, method: &str) -> Vec<u8> {
    let content = EnvelopeContent::Call {
        nonce: Some(wall_clock_nanos().to_le_bytes().to_vec()),
        ingress_expiry: wall_clock_nanos() + 120_000_000_000,
        sender: identity.sender().unwrap(),
        canister_id: canister,
        method_name: method.into(),
        arg: Encode!().unwrap(),
        sender_info: None,
    };
    let sig = identity.sign(&content).unwrap();
    Envelope { content: Cow::Borrowed(&content), sender_pubkey: sig.public_key, sender_sig: sig.signature, sender_delegation: sig.delegations }
        .encode_bytes()
}

#[derive(serde::Deserialize, Debug)]
struct Rejection {
    status: Option<String>,
    reject_code: u64,
    reject_message: String,
    error_code: Option<String>,
}

async fn post_cbor(url: String, body: Vec<u8>) -> (u16, Vec<u8>) {
    let response = reqwest::Client::new().post(url).header("content-type", "application/cbor").body(body).send().await.unwrap();
    (response.status().as_u16(), response.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_at_submission_are_answered_at_once_and_not_certified() {
    let devnet = start_devnet().await;
    let base = devnet.server.url();
    let identity = BasicIdentity::from_raw_key(&[41; 32]);
    let agent = agent(&base, BasicIdentity::from_raw_key(&[41; 32])).await;
    let probe = deploy_probe(&agent).await;

    // v4 (synchronous): 200 with `non_replicated_rejection`; ic-agent reports an uncertified reject.
    let (status, body) = post_cbor(format!("{base}/api/v4/canister/{probe}/call"), signed_call(&identity, probe, "refused_by_inspect")).await;
    assert_eq!(status, 200);
    let rejection: Rejection = serde_cbor::from_slice(&body).unwrap();
    assert_eq!(rejection.status.as_deref(), Some("non_replicated_rejection"));
    assert_eq!((rejection.reject_code, rejection.error_code.as_deref()), (4, Some("IC0406")));
    assert!(rejection.reject_message.contains("inspect_message"), "{}", rejection.reject_message);
    match agent.update(&probe, "refused_by_inspect").with_arg(Encode!().unwrap()).call_and_wait().await {
        Err(AgentError::UncertifiedReject { reject, .. }) => assert_eq!(reject.error_code.as_deref(), Some("IC0406")),
        other => panic!("expected an uncertified reject, got {other:?}"),
    }

    // v2 (asynchronous): 200 with the reject fields instead of 202.
    let (status, body) = post_cbor(format!("{base}/api/v2/canister/{probe}/call"), signed_call(&identity, probe, "refused_by_inspect")).await;
    assert_eq!(status, 200);
    let rejection: Rejection = serde_cbor::from_slice(&body).unwrap();
    assert_eq!(rejection.status, None);
    assert_eq!(rejection.reject_code, 4);

    // The refused request is unknown to request_status: polling it finds nothing.
    let content = EnvelopeContent::Call {
        nonce: Some(vec![1, 2, 3]),
        ingress_expiry: wall_clock_nanos() + 120_000_000_000,
        sender: identity.sender().unwrap(),
        canister_id: probe,
        method_name: "refused_by_inspect".into(),
        arg: Encode!().unwrap(),
        sender_info: None,
    };
    let sig = identity.sign(&content).unwrap();
    let request_id = content.to_request_id();
    let body = Envelope { content: Cow::Borrowed(&content), sender_pubkey: sig.public_key, sender_sig: sig.signature, sender_delegation: sig.delegations }
        .encode_bytes();
    let (status, _) = post_cbor(format!("{base}/api/v4/canister/{probe}/call"), body).await;
    assert_eq!(status, 200);
    let (status, _certificate) = agent.request_status_raw(&request_id, probe).await.unwrap();
    assert!(matches!(status, ic_agent::agent::RequestStatusResponse::Unknown), "{status:?}");

    // A stopped canister is refused at once too (IC0508).
    let stop = Encode!(&ic_management_canister_types::CanisterIdRecord { canister_id: probe }).unwrap();
    agent.update(&Principal::management_canister(), "stop_canister").with_effective_canister_id(probe).with_arg(stop).call_and_wait().await.unwrap();
    match agent.update(&probe, "inc").with_arg(Encode!().unwrap()).call_and_wait().await {
        Err(AgentError::UncertifiedReject { reject, .. }) => assert_eq!(reject.error_code.as_deref(), Some("IC0508")),
        other => panic!("expected an uncertified reject, got {other:?}"),
    }
    devnet.stop().await.unwrap();
}

/// Two HTTP calls to a canister that checks a balance, awaits, then debits: both checks pass
/// before either debit. On a server that ran one call tree at a time, the first call would wait
/// at the barrier for the second forever (the barrier gives up after 20 s and the test fails).
#[tokio::test(flavor = "multi_thread")]
async fn two_http_calls_interleave_at_an_await() {
    let devnet = start_devnet().await;
    let agent = agent(&devnet.server.url(), BasicIdentity::from_raw_key(&[42; 32])).await;
    let (bank, barrier) = (deploy_probe(&agent).await, deploy_probe(&agent).await);
    let withdraw = || async {
        let reply = agent
            .update(&bank, "withdraw_after_await")
            .with_arg(Encode!(&barrier, &2u64, &100i64).unwrap())
            .call_and_wait()
            .await
            .expect("withdraw replies");
        Decode!(&reply, Result<i64, String>).unwrap()
    };
    let (first, second) = tokio::join!(withdraw(), withdraw());
    assert_eq!(first, Ok(100), "both checks saw the full balance");
    assert_eq!(second, Ok(100));
    let reply = agent.query(&bank, "balance_left").with_arg(Encode!().unwrap()).call().await.unwrap();
    assert_eq!(Decode!(&reply, i64).unwrap(), -100, "both debits happened: the calls interleaved");
    devnet.stop().await.unwrap();
}
