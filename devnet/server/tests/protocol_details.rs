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
