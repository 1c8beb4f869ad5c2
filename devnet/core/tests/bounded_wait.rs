//! Spec tests: bounded-wait calls (interface spec, "Inter-canister method calls":
//! `ic0.call_with_best_effort_response`, `ic0.msg_deadline`; "Reject codes": `SYS_UNKNOWN`), with
//! the devnet's response fault hook standing in for a slow or lossy network.
mod common;

use candid::Principal;
use common::{install_probe, user};
use devnet::{Devnet, ResponseFault};
use std::time::Duration;

#[derive(candid::CandidType, candid::Deserialize, Debug, PartialEq)]
enum CallOutcome {
    Replied(Vec<u8>),
    Rejected { code: u32, message: String },
}

fn call_bounded(devnet: &Devnet, caller: Principal, callee: Principal, method: &str, timeout: u32) -> devnet::MessageId {
    let arg = candid::encode_args((callee, method.to_string(), candid::encode_args(()).unwrap(), timeout)).unwrap();
    devnet.submit_call(caller, user(2), "call_bounded", arg).unwrap()
}

fn outcome(devnet: &Devnet, id: devnet::MessageId) -> CallOutcome {
    candid::decode_one(&devnet.await_call(id).expect("call_bounded replies")).unwrap()
}

fn run_queue(devnet: &Devnet) {
    while devnet.execute_next_message() {}
}

#[test]
fn a_bounded_wait_call_times_out_with_sys_unknown() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    devnet.set_response_fault(b, Some(ResponseFault::Delay(Duration::from_secs(60))));
    let id = call_bounded(&devnet, a, b, "inc", 10);
    run_queue(&devnet);
    assert!(devnet.ingress_status(&id).is_some_and(|s| !matches!(s, devnet::IngressStatus::Replied(_))), "still waiting");
    devnet.advance_time(Duration::from_secs(11));
    devnet.tick();
    match outcome(&devnet, id) {
        CallOutcome::Rejected { code, message } => {
            assert_eq!(code, 6, "SYS_UNKNOWN");
            assert!(message.contains("timed out"), "{message}");
        }
        other => panic!("the deadline passed: {other:?}"),
    }
    let b_counter: u64 = devnet.query_candid(b, user(2), "get", ()).unwrap();
    assert_eq!(b_counter, 1, "the callee did run: the outcome was unknown to the caller");
    // The late response is dropped; nothing else happens to the caller.
    let a_counter: u64 = devnet.query_candid(a, user(2), "get", ()).unwrap();
    devnet.set_response_fault(b, None);
    devnet.advance_time(Duration::from_secs(60));
    devnet.tick();
    assert_eq!(devnet.query_candid::<_, u64>(a, user(2), "get", ()).unwrap(), a_counter);
}

#[test]
fn msg_deadline_is_the_bounded_wait_calls_deadline_and_zero_otherwise() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    let sent_at = devnet.time_nanos();
    match outcome(&devnet, call_bounded(&devnet, a, b, "deadline", 30)) {
        CallOutcome::Replied(bytes) => assert_eq!(candid::decode_one::<u64>(&bytes).unwrap(), sent_at + 30_000_000_000),
        other => panic!("{other:?}"),
    }
    // Timeouts above MAX_CALL_TIMEOUT (300 s) are bounded silently.
    match outcome(&devnet, call_bounded(&devnet, a, b, "deadline", 100_000)) {
        CallOutcome::Replied(bytes) => assert_eq!(candid::decode_one::<u64>(&bytes).unwrap(), sent_at + 300_000_000_000),
        other => panic!("{other:?}"),
    }
    let unbounded = candid::encode_args((b, "deadline".to_string(), candid::encode_args(()).unwrap())).unwrap();
    match candid::decode_one::<CallOutcome>(&devnet.update_call(a, user(2), "call_raw", unbounded).unwrap()).unwrap() {
        CallOutcome::Replied(bytes) => assert_eq!(candid::decode_one::<u64>(&bytes).unwrap(), 0),
        other => panic!("{other:?}"),
    }
    let ingress: u64 = devnet.update_candid(b, user(2), "deadline", ()).unwrap();
    assert_eq!(ingress, 0, "ingress messages have no deadline");
}

#[test]
fn a_dropped_response_gives_sys_unknown_without_waiting() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    devnet.set_response_fault(b, Some(ResponseFault::Drop));
    match outcome(&devnet, call_bounded(&devnet, a, b, "inc", 300)) {
        CallOutcome::Rejected { code, message } => {
            assert_eq!(code, 6);
            assert!(message.contains("dropped"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Responses to unbounded-wait calls are guaranteed: the fault does not drop them.
    let arg = candid::encode_args((b, "inc".to_string(), candid::encode_args(()).unwrap())).unwrap();
    match candid::decode_one::<CallOutcome>(&devnet.update_call(a, user(2), "call_raw", arg).unwrap()).unwrap() {
        CallOutcome::Replied(bytes) => assert_eq!(candid::decode_one::<u64>(&bytes).unwrap(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_request_not_delivered_by_its_deadline_is_withdrawn() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    // A zero timeout expires before the request reaches the callee.
    match outcome(&devnet, call_bounded(&devnet, a, b, "inc", 0)) {
        CallOutcome::Rejected { code, .. } => assert_eq!(code, 6),
        other => panic!("{other:?}"),
    }
    let b_counter: u64 = devnet.query_candid(b, user(2), "get", ()).unwrap();
    assert_eq!(b_counter, 0, "the request never ran");
}
