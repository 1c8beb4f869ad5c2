//! Less common paths of the HTTP interface against real canister wasm: the asynchronous v2 call
//! with request_status polling, subnet-addressed read_state, and canister certified data reaching
//! queries through `data_certificate`, verified against the root key.

mod common;

use candid::{Decode, Encode};
use common::{agent, counter_arg, deploy_counter, start_devnet, wasm};
use devnet_server::auth::wall_clock_nanos;
use devnet_server::cli::client;
use ic_agent::identity::BasicIdentity;
use ic_agent::Identity;
use ic_certification::{Certificate, LookupResult};
use ic_management_canister_types::CanisterInstallMode;
use ic_transport_types::{Envelope, EnvelopeContent, RequestId};
use std::borrow::Cow;

#[tokio::test(flavor = "multi_thread")]
async fn v2_call_is_accepted_then_polled_to_its_certified_reply() {
    let devnet = start_devnet().await;
    let base = devnet.server.url();
    let identity = BasicIdentity::from_raw_key(&[61; 32]);
    let agent = agent(&base, BasicIdentity::from_raw_key(&[61; 32])).await;
    let counter = deploy_counter(&agent).await;
    let content = EnvelopeContent::Call {
        nonce: Some(vec![1, 2, 3]),
        ingress_expiry: wall_clock_nanos() + 120_000_000_000,
        sender: identity.sender().unwrap(),
        canister_id: counter,
        method_name: "inc".into(),
        arg: counter_arg(),
        sender_info: None,
    };
    let sig = identity.sign(&content).unwrap();
    let body = Envelope { content: Cow::Borrowed(&content), sender_pubkey: sig.public_key, sender_sig: sig.signature, sender_delegation: None }
        .encode_bytes();
    let response = reqwest::Client::new()
        .post(format!("{base}/api/v2/canister/{counter}/call"))
        .header("content-type", "application/cbor")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 202);
    let request_id = RequestId::new(&content.to_request_id());
    let (reply, _certificate) = agent.wait(&request_id, counter).await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn subnet_read_state_reports_the_subnet_key_and_node() {
    let devnet = start_devnet().await;
    let agent = agent(&devnet.server.url(), BasicIdentity::from_raw_key(&[62; 32])).await;
    let subnet_id = devnet.server.api.subnet_id();
    let subnet = agent.get_subnet_by_id(&subnet_id).await.unwrap();
    assert_eq!(subnet.id(), subnet_id);
    assert_eq!(subnet.iter_node_keys().count(), 1);
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn queries_get_a_data_certificate_over_the_certified_data() {
    let devnet = start_devnet().await;
    let agent = agent(&devnet.server.url(), BasicIdentity::from_raw_key(&[63; 32])).await;
    let probe = client::create_canister(&agent, None, None).await.unwrap();
    client::install(&agent, probe, wasm("devnet-probe"), Encode!().unwrap(), CanisterInstallMode::Install).await.unwrap();
    let data = vec![0xAB; 32];
    agent.update(&probe, "set_certified_data").with_arg(Encode!(&data).unwrap()).call_and_wait().await.unwrap();
    let reply = agent.query(&probe, "certificate").with_arg(Encode!().unwrap()).call().await.unwrap();
    let certificate = Decode!(&reply, Option<Vec<u8>>).unwrap().expect("a query sees a data certificate");
    agent.verify(&serde_cbor::from_slice(&certificate).unwrap(), probe).expect("signed by the root key");
    let certificate: Certificate = serde_cbor::from_slice(&certificate).unwrap();
    match certificate.tree.lookup_path([b"canister".as_slice(), probe.as_slice(), b"certified_data"]) {
        LookupResult::Found(value) => assert_eq!(value, data.as_slice()),
        other => panic!("certified_data not in the certificate: {other:?}"),
    }
    devnet.stop().await.unwrap();
}

async fn time_answer(response: reqwest::Response) -> u64 {
    assert_eq!(response.status().as_u16(), 200);
    let body = response.text().await.unwrap();
    body.trim_start_matches("{\"time_nanos\":").trim_end_matches('}').parse().unwrap_or_else(|_| panic!("not a time: {body}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_clock_moves_ahead_on_request_and_keeps_running_from_there() {
    let devnet = start_devnet().await;
    let base = devnet.server.url();
    let agent = agent(&base, BasicIdentity::from_raw_key(&[62; 32])).await;
    let counter = deploy_counter(&agent).await;
    let http = reqwest::Client::new();
    for bad in ["", "?seconds=x", "?seconds=0", "?seconds=-5", "?seconds=99999999999"] {
        let response = http.post(format!("{base}/_/devnet/advance_time{bad}")).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 400, "advance_time{bad}");
        assert!(!response.text().await.unwrap().is_empty(), "a refusal says why");
    }
    let before = time_answer(http.get(format!("{base}/_/devnet/time")).send().await.unwrap()).await;
    let moved = time_answer(http.post(format!("{base}/_/devnet/advance_time?seconds=3600")).send().await.unwrap()).await;
    assert!(moved >= before + 3_600_000_000_000, "moved an hour: {before} -> {moved}");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let later = time_answer(http.get(format!("{base}/_/devnet/time")).send().await.unwrap()).await;
    assert!(later >= moved + 20_000_000, "keeps running from the new time: {moved} -> {later}");
    assert!(later < wall_clock_nanos() + 3_610_000_000_000);
    // What canisters see moved too: a request that expires by the wall clock is now in the devnet's past.
    let refused = agent.update(&counter, "inc").with_arg(counter_arg()).call_and_wait().await.unwrap_err();
    assert!(refused.to_string().to_lowercase().contains("expir"), "{refused}");
    // The devnet's own client dates its requests by the devnet's clock, so the CLI keeps working.
    let cli = client::agent(&base, Box::new(BasicIdentity::from_raw_key(&[62; 32]))).await.unwrap();
    let reply = cli.update(&counter, "inc").with_arg(counter_arg()).call_and_wait().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 1);
    devnet.stop().await.unwrap();
}
