//! Spec tests: message size limits (docs/references/resource-limits, "Message limits"; interface
//! spec, "Responding" and "Inter-canister method calls") and the error codes the IC attaches to
//! refusals (the replica's `ErrorCode`; interface spec, "API Request submission").
mod common;

use candid::Principal;
use common::{install_probe, user};
use devnet::{Devnet, RejectCode};

const MIB: u64 = 1024 * 1024;

#[derive(candid::CandidType, candid::Deserialize, Debug, PartialEq)]
enum CallOutcome {
    Replied(Vec<u8>),
    Rejected { code: u32, message: String },
}

#[test]
fn a_reply_over_2_mib_traps_but_a_query_may_reply_up_to_3_mib() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let err = devnet.update_call(probe, user(2), "blob", candid::encode_one(5 * MIB / 2).unwrap()).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert!(err.message.contains("cannot be larger than 2097152"), "{}", err.message);
    let ok = devnet.update_call(probe, user(2), "blob", candid::encode_one(MIB).unwrap()).unwrap();
    assert!(ok.len() > MIB as usize);
    // A non-replicated query may reply up to 3 MiB.
    let reply = devnet.query_call(probe, user(2), "blob_query", candid::encode_one(5 * MIB / 2).unwrap()).unwrap();
    assert!(reply.len() > 5 * MIB as usize / 2);
    let err = devnet.query_call(probe, user(2), "blob_query", candid::encode_one(7 * MIB / 2).unwrap()).unwrap_err();
    assert!(err.message.contains("cannot be larger than 3145728"), "{}", err.message);
}

#[test]
fn same_subnet_calls_carry_up_to_10_mib() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    let size = 9 * MIB;
    match devnet.update_candid::<_, CallOutcome>(a, user(2), "call_with_payload", (b, size)).unwrap() {
        CallOutcome::Replied(bytes) => assert_eq!(candid::decode_one::<u64>(&bytes).unwrap(), size),
        other => panic!("a 9 MiB request between canisters of one subnet succeeds: {other:?}"),
    }
    let err = devnet.update_candid::<_, CallOutcome>(a, user(2), "call_with_payload", (b, 11 * MIB)).unwrap_err();
    assert!(err.message.contains("call_data_append") && err.message.contains("cannot be larger than 10485760"), "{}", err.message);
}

#[test]
fn ingress_over_2_mib_is_refused() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let big = vec![0u8; 2 * MIB as usize];
    let err = devnet.submit_call(probe, user(2), "blob_len", big).unwrap_err();
    assert!(err.message.contains("exceeds the limit"), "{}", err.message);
}

/// Spec, "API Request submission": calls the IC would not accept are refused at submission,
/// before entering the state, with the replica's error codes.
#[test]
fn refusals_at_submission_and_their_error_codes() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    let unit = candid::encode_args(()).unwrap();
    // canister_inspect_message refuses: CANISTER_REJECT, IC0406.
    let err = devnet.submit_call(b, user(2), "refused_by_inspect", unit.clone()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::CanisterReject, Some("IC0406")), "{err}");
    // A missing canister: DESTINATION_INVALID, IC0301.
    let missing = Principal::from_slice(&[9, 9, 9, 9, 9, 9, 9, 9, 1, 1]);
    let err = devnet.submit_call(missing, user(2), "inc", unit.clone()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::DestinationInvalid, Some("IC0301")), "{err}");
    // An empty canister: IC0537.
    let empty = devnet.create_canister(user(1));
    let err = devnet.submit_call(empty, user(2), "inc", unit.clone()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::CanisterError, Some("IC0537")), "{err}");
    // A stopped canister: IC0508.
    devnet.stop_canister(b, user(1)).unwrap();
    let err = devnet.submit_call(b, user(2), "inc", unit.clone()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::CanisterError, Some("IC0508")), "{err}");
    // Management methods only canisters may call: IC0406.
    let err = devnet.management_call(user(1), "raw_rand", unit.clone()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::CanisterReject, Some("IC0406")), "{err}");
    assert!(err.message.contains("Only canisters can call ic00 method raw_rand"), "{}", err.message);
    // An unknown management method: CANISTER_ERROR, IC0536 (as the replica answers it).
    let err = devnet.management_call(user(1), "no_such_method", unit.clone()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::CanisterError, Some("IC0536")), "{err}");
    let arg = candid::encode_args((Principal::management_canister(), "no_such_method".to_string(), unit.clone())).unwrap();
    match devnet.update_candid::<_, CallOutcome>(a, user(2), "call_raw", (Principal::management_canister(), "no_such_method".to_string(), unit)).unwrap() {
        CallOutcome::Rejected { code, message } => {
            assert_eq!(code, RejectCode::CanisterError as u32);
            assert!(message.contains("Management canister has no method 'no_such_method'"), "{message}");
        }
        other => panic!("{other:?}: {arg:?}"),
    }
    // A management call on a canister the sender does not control: IC0512.
    let arg = candid::encode_one(ic_management_canister_types::CanisterIdRecord { canister_id: a }).unwrap();
    let err = devnet.management_call(user(66), "stop_canister", arg).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::CanisterError, Some("IC0512")), "{err}");
}
