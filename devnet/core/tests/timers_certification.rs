//! Spec tests: timers (ic-cdk-timers via global_timer_set + self-calls) with the test-driven clock,
//! and certified data: a query's data certificate verifies against the devnet's root key.
mod common;

use common::{install_probe, user};
use devnet::certification::{BLS_DER_PREFIX, STATE_ROOT_DOMAIN};
use devnet::Devnet;
use ic_certification::{Certificate, LookupResult};
use std::time::Duration;

#[test]
fn timers_fire_after_advance_time() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, ()>(probe, user(2), "schedule_timer", (10u64,)).unwrap();
    devnet.tick();
    let fired: u64 = devnet.query_candid(probe, user(2), "timer_fired", ()).unwrap();
    assert_eq!(fired, 0, "not due yet");
    devnet.advance_time(Duration::from_secs(9));
    devnet.tick();
    let fired: u64 = devnet.query_candid(probe, user(2), "timer_fired", ()).unwrap();
    assert_eq!(fired, 0, "still not due");
    devnet.advance_time(Duration::from_secs(2));
    devnet.tick();
    let fired: u64 = devnet.query_candid(probe, user(2), "timer_fired", ()).unwrap();
    assert_eq!(fired, 1, "fired once after its deadline");
    devnet.advance_time(Duration::from_secs(60));
    devnet.tick();
    let fired: u64 = devnet.query_candid(probe, user(2), "timer_fired", ()).unwrap();
    assert_eq!(fired, 1, "a one-shot timer fires once");
}

#[test]
fn time_is_driven_by_the_test() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let t0: u64 = devnet.query_candid(probe, user(2), "time", ()).unwrap();
    assert_eq!(t0, devnet.time_nanos());
    devnet.advance_time(Duration::from_secs(5));
    let t1: u64 = devnet.query_candid(probe, user(2), "time", ()).unwrap();
    assert_eq!(t1 - t0, 5_000_000_000);
    devnet.set_time_nanos(1_800_000_000_000_000_000);
    let t2: u64 = devnet.query_candid(probe, user(2), "time", ()).unwrap();
    assert_eq!(t2, 1_800_000_000_000_000_000);
}

#[test]
fn data_certificate_in_a_query_verifies_against_the_root_key() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let data = b"0123456789abcdef0123456789abcdef".to_vec();
    devnet.update_candid::<_, ()>(probe, user(2), "set_certified_data", (data.clone(),)).unwrap();
    assert_eq!(devnet.certified_data(probe), data);

    let cbor: Option<Vec<u8>> = devnet.query_candid(probe, user(2), "certificate", ()).unwrap();
    let cbor = cbor.expect("queries get a certificate");
    let certificate: Certificate = serde_cbor::from_slice(&cbor).expect("certificate decodes");
    assert!(certificate.delegation.is_none());
    let path = [b"canister".as_slice(), probe.as_slice(), b"certified_data".as_slice()];
    assert_eq!(certificate.tree.lookup_path(path), LookupResult::Found(data.as_slice()));
    let time = devnet::certification::leb128(devnet.time_nanos().into());
    assert_eq!(certificate.tree.lookup_path([b"time".as_slice()]), LookupResult::Found(time.as_slice()));

    let root_key = devnet.root_key_der();
    assert_eq!(&root_key[..37], &BLS_DER_PREFIX);
    let mut message = STATE_ROOT_DOMAIN.to_vec();
    message.extend_from_slice(&certificate.tree.digest());
    ic_verify_bls_signature::verify_bls_signature(&certificate.signature, &message, &root_key[37..])
        .expect("the signature verifies against root_key_der");
    // A different key does not verify it.
    let other = Devnet::builder().root_key_seed(b"another").build().root_key_der();
    assert!(ic_verify_bls_signature::verify_bls_signature(&certificate.signature, &message, &other[37..]).is_err());

    // Updates get no certificate (only non-replicated queries do).
    let none: Option<Vec<u8>> = devnet.update_candid(probe, user(2), "certificate", ()).unwrap();
    assert!(none.is_none());
}

#[test]
fn certified_data_set_in_a_trapping_call_is_not_kept() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, ()>(probe, user(2), "set_certified_data", (vec![1u8; 32],)).unwrap();
    // set_certified_data with more than 32 bytes traps: the old value stays.
    assert!(devnet.update_candid::<_, ()>(probe, user(2), "set_certified_data", (vec![2u8; 33],)).is_err());
    assert_eq!(devnet.certified_data(probe), vec![1u8; 32]);
}

#[test]
fn ic_agent_verification_accepts_the_certificate() {
    // The agent checks that /time is recent, so this devnet follows the wall clock.
    let devnet = Devnet::builder().real_time(true).build();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, ()>(probe, user(2), "set_certified_data", (vec![7u8; 32],)).unwrap();
    let cbor: Option<Vec<u8>> = devnet.query_candid(probe, user(2), "certificate", ()).unwrap();
    let certificate: ic_agent::Certificate = serde_cbor::from_slice(&cbor.unwrap()).unwrap();
    let agent = ic_agent::Agent::builder().with_url("http://127.0.0.1:9").build().expect("agent builds offline");
    agent.set_root_key(devnet.root_key_der());
    agent.verify(&certificate, probe).expect("ic-agent accepts the devnet certificate");
    // The same certificate under another root key is refused.
    agent.set_root_key(Devnet::builder().root_key_seed(b"other").build().root_key_der());
    assert!(agent.verify(&certificate, probe).is_err());
}
