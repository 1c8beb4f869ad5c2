//! Spec tests: inter-canister calls (commit at await, callbacks, cleanup, cycles, reject codes,
//! self-calls, FIFO order) and canisters calling the management canister. Message sizes are in
//! `limits.rs`.
mod common;

use candid::Principal;
use common::{install_probe, user, wasm};
use devnet::{Devnet, Fees, RejectCode};

#[derive(candid::CandidType, candid::Deserialize, Debug, PartialEq)]
enum CallOutcome {
    Replied(Vec<u8>),
    Rejected { code: u32, message: String },
}

fn call_raw(devnet: &Devnet, from: Principal, to: Principal, method: &str) -> CallOutcome {
    let arg = candid::encode_args(()).unwrap();
    devnet.update_candid(from, user(2), "call_raw", (to, method.to_string(), arg)).unwrap()
}

#[test]
fn await_commits_and_trap_after_it_rolls_back_only_the_callback() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    let err = devnet.update_candid::<_, ()>(a, user(2), "write_await_trap", (b, 10u64, 99u64)).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert!(err.message.contains("trap after await"), "{}", err.message);
    let a_counter: u64 = devnet.query_candid(a, user(2), "get", ()).unwrap();
    assert_eq!(a_counter, 10, "the write before the await was committed, the one after it was not");
    let b_counter: u64 = devnet.query_candid(b, user(2), "get", ()).unwrap();
    assert_eq!(b_counter, 1, "the callee's execution is independent");
}

#[test]
fn trap_in_callback_runs_cleanup() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    let before: bool = devnet.query_candid(a, user(2), "cleanup_ran", ()).unwrap();
    assert!(!before);
    let err = devnet.update_candid::<_, ()>(a, user(2), "trap_in_callback", (b,)).unwrap_err();
    assert!(err.message.contains("trap in callback"), "{}", err.message);
    let after: bool = devnet.query_candid(a, user(2), "cleanup_ran", ()).unwrap();
    assert!(after, "the cleanup callback ran and its effect was committed");
}

#[test]
fn cycles_are_attached_accepted_and_refunded() {
    let devnet = Devnet::builder().fees(Fees::free()).build();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    let (a0, b0) = (devnet.cycle_balance(a), devnet.cycle_balance(b));
    let arg = candid::encode_args((b, 1_000_000u128, 300_000u128)).unwrap();
    let reply = devnet.update_call(a, user(2), "send_cycles", arg).unwrap();
    let (accepted, refunded): (u128, u128) = candid::decode_args(&reply).unwrap();
    assert_eq!(accepted, 300_000);
    assert_eq!(refunded, 700_000);
    assert_eq!(devnet.cycle_balance(a), a0 - 300_000);
    assert_eq!(devnet.cycle_balance(b), b0 + 300_000);
    let reported: u128 = devnet.query_candid(b, user(2), "balance", ()).unwrap();
    assert_eq!(reported, b0 + 300_000);
}

#[test]
fn execution_fees_are_charged_when_enabled() {
    let devnet = Devnet::new();
    let a = install_probe(&devnet);
    let before = devnet.cycle_balance(a);
    devnet.update_candid::<_, u64>(a, user(2), "inc", ()).unwrap();
    assert!(devnet.cycle_balance(a) < before);
}

#[test]
fn reject_codes_for_missing_method_stopped_and_deleted_canisters() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    match call_raw(&devnet, a, b, "no_such_method") {
        CallOutcome::Rejected { code, message } => {
            assert_eq!(code, RejectCode::CanisterError as u32);
            assert!(message.contains("no update method 'no_such_method'"), "{message}");
        }
        other => panic!("expected a reject, got {other:?}"),
    }
    let missing = Principal::from_slice(&[9, 9, 9, 9, 9, 9, 9, 9, 1, 1]);
    match call_raw(&devnet, a, missing, "inc") {
        CallOutcome::Rejected { code, .. } => assert_eq!(code, RejectCode::DestinationInvalid as u32),
        other => panic!("expected a reject, got {other:?}"),
    }
    devnet.stop_canister(b, user(1)).unwrap();
    match call_raw(&devnet, a, b, "inc") {
        CallOutcome::Rejected { code, message } => {
            assert_eq!(code, RejectCode::CanisterError as u32);
            assert!(message.contains("is stopped"), "{message}");
        }
        other => panic!("expected a reject, got {other:?}"),
    }
    // Ingress to a stopped canister is rejected the same way.
    let err = devnet.update_call(b, user(2), "inc", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!(err.error_code.as_deref(), Some("IC0508"));
    devnet.delete_canister(b, user(1)).unwrap();
    assert!(!devnet.canister_exists(b));
    match call_raw(&devnet, a, b, "inc") {
        CallOutcome::Rejected { code, .. } => assert_eq!(code, RejectCode::DestinationInvalid as u32),
        other => panic!("expected a reject, got {other:?}"),
    }
    // An explicit reject from the canister is code 4; a trap is code 5.
    let err = devnet.update_call(a, user(2), "no_such_method", vec![]).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
}

#[test]
fn self_calls_work() {
    let devnet = Devnet::new();
    let a = install_probe(&devnet);
    let v: u64 = devnet.update_candid(a, user(2), "self_inc", ()).unwrap();
    assert_eq!(v, 1);
    let v: u64 = devnet.query_candid(a, user(2), "get", ()).unwrap();
    assert_eq!(v, 1);
}

/// Spec, "Ordering guarantees": requests from one canister to another are delivered in the order
/// they were made, across executions and across call contexts (pairwise FIFO).
#[test]
fn messages_between_two_canisters_keep_their_order() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    // Two executions of `a`, queued before either runs, each send a numbered series to `b`.
    let first = devnet.submit_call(a, user(2), "fan_out", candid::encode_args((b, 20u64)).unwrap()).unwrap();
    let second = devnet.submit_call(a, user(2), "fan_out", candid::encode_args((b, 3u64)).unwrap()).unwrap();
    devnet.await_call(first).unwrap();
    devnet.await_call(second).unwrap();
    devnet.tick();
    let log: Vec<u64> = devnet.query_candid(b, user(2), "log", ()).unwrap();
    let expected: Vec<u64> = (1..=20).chain(1..=3).collect();
    assert_eq!(log, expected, "b received a's requests in the order a made them");
}

#[test]
fn canister_creates_and_installs_a_canister_through_the_management_canister() {
    let devnet = Devnet::new();
    let factory = install_probe(&devnet);
    let created: Result<Principal, String> = devnet
        .update_candid(factory, user(2), "create_and_install", (wasm("devnet-counter"), 2_000_000_000_000u128))
        .unwrap();
    let child = created.expect("create and install succeed");
    assert_eq!(devnet.controllers(child), vec![factory]);
    assert!(devnet.module_hash(child).is_some());
    let n: u64 = devnet.update_candid(child, user(2), "inc", ()).unwrap();
    assert_eq!(n, 1);
    // The child got the attached cycles minus the creation fee.
    let fee = devnet::Fees::default().canister_creation;
    assert!(devnet.cycle_balance(child) <= 2_000_000_000_000 - fee);
    // Without enough cycles for the fee, creation is rejected.
    let failed: Result<Principal, String> =
        devnet.update_candid(factory, user(2), "create_and_install", (wasm("devnet-counter"), 1_000u128)).unwrap();
    assert!(failed.unwrap_err().contains("fee"));
}

#[test]
fn composite_queries_call_other_canisters_and_commit_nothing() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    devnet.update_candid::<_, ()>(b, user(2), "set", (40u64,)).unwrap();
    devnet.update_candid::<_, ()>(a, user(2), "set", (1u64,)).unwrap();
    let reply = devnet.query_call(a, user(2), "composite_read", candid::encode_one(b).unwrap()).unwrap();
    let (own, theirs): (u64, u64) = candid::decode_args(&reply).unwrap();
    assert_eq!((own, theirs), (2, 40));
    let a_now: u64 = devnet.query_candid(a, user(2), "get", ()).unwrap();
    assert_eq!(a_now, 1, "the composite query committed nothing");
    // A composite query calling itself works too.
    let reply = devnet.query_call(a, user(2), "composite_read", candid::encode_one(a).unwrap()).unwrap();
    let (own, _theirs): (u64, u64) = candid::decode_args(&reply).unwrap();
    assert_eq!(own, 2);
    let a_now: u64 = devnet.query_candid(a, user(2), "get", ()).unwrap();
    assert_eq!(a_now, 1);
}

#[test]
fn stop_waits_for_open_call_contexts() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    // a's call context stays open while it waits for b; the stop request arrives meanwhile.
    let arg = candid::encode_args((b, "inc".to_string(), candid::encode_args(()).unwrap())).unwrap();
    let call = devnet.submit_call(a, user(2), "call_raw", arg).unwrap();
    let stop_arg = candid::encode_one(ic_management_canister_types::CanisterIdRecord { canister_id: a }).unwrap();
    let stop = devnet.submit_call(Principal::management_canister(), user(1), "stop_canister", stop_arg).unwrap();
    // Run a's call (it sends a request to b) and then the stop request.
    assert!(devnet.execute_next_message() && devnet.execute_next_message());
    assert_eq!(devnet.canister_status(a, user(1)).unwrap().status, devnet::CanisterRunState::Stopping);
    assert!(matches!(devnet.ingress_status(&stop), Some(devnet::IngressStatus::Received | devnet::IngressStatus::Processing)));
    let reply = devnet.await_call(call).expect("the open call completes although a stop was requested");
    match candid::decode_one::<CallOutcome>(&reply).unwrap() {
        CallOutcome::Replied(bytes) => assert_eq!(candid::decode_one::<u64>(&bytes).unwrap(), 1),
        other => panic!("b should have replied: {other:?}"),
    }
    devnet.await_call(stop).expect("stop completes once the context is closed");
    assert_eq!(devnet.canister_status(a, user(1)).unwrap().status, devnet::CanisterRunState::Stopped);
    // While stopping, a's self-calls would have been rejected; now stopped, new calls are rejected.
    assert!(devnet.update_call(a, user(2), "inc", candid::encode_args(()).unwrap()).is_err());
}

#[test]
fn inspect_message_filters_ingress_but_not_canister_calls() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    let err = devnet.update_call(b, user(2), "refused_by_inspect", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterReject);
    assert!(err.message.contains("inspect_message"), "{}", err.message);
    let b_counter: u64 = devnet.query_candid(b, user(2), "get", ()).unwrap();
    assert_eq!(b_counter, 0, "the refused message never ran");
    match call_raw(&devnet, a, b, "refused_by_inspect") {
        CallOutcome::Replied(bytes) => assert_eq!(candid::decode_one::<u64>(&bytes).unwrap(), 1),
        other => panic!("inter-canister calls skip inspect_message: {other:?}"),
    }
}
