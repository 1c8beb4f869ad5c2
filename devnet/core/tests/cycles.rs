//! Spec tests: the cycles model (interface spec, "Canister cycles", "Message execution",
//! "Calls to frozen canisters are rejected", "IC method canister_status"; prices from the
//! published cost table for a 13-node subnet, `devnet::Fees`).
mod common;

use candid::{Nat, Principal};
use common::{install_probe, user};
use devnet::{Devnet, Fees, RejectCode};
use ic_management_canister_types as mgmt;
use std::time::Duration;

#[derive(candid::CandidType, candid::Deserialize, Debug, PartialEq)]
enum CallOutcome {
    Replied(Vec<u8>),
    Rejected { code: u32, message: String },
}

fn set_freezing_threshold(devnet: &Devnet, canister: Principal, seconds: u64) {
    let arg = candid::encode_one(mgmt::UpdateSettingsArgs {
        canister_id: canister,
        settings: mgmt::CanisterSettings { freezing_threshold: Some(Nat::from(seconds)), ..Default::default() },
        sender_canister_version: None,
    })
    .unwrap();
    devnet.management_call(user(1), "update_settings", arg).unwrap();
}

/// Spec, "Calls to frozen canisters are rejected" and "Query call": a canister whose balance is
/// below its freezing limit refuses ingress, inter-canister calls and queries (SYS_TRANSIENT,
/// IC0207) until it is topped up.
#[test]
fn a_frozen_canister_refuses_calls_and_queries() {
    let devnet = Devnet::new();
    let (caller, frozen) = (install_probe(&devnet), install_probe(&devnet));
    set_freezing_threshold(&devnet, frozen, 1_000_000_000_000);
    assert!(devnet.cycle_balance(frozen) < devnet.freezing_limit(frozen), "the threshold freezes it");

    let err = devnet.update_call(frozen, user(2), "inc", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::SysTransient, Some("IC0207")), "{err}");
    let err = devnet.query_call(frozen, user(2), "get", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::SysTransient, Some("IC0207")), "{err}");
    assert!(err.message.contains("frozen"), "{}", err.message);
    let arg = candid::encode_args((frozen, "inc".to_string(), candid::encode_args(()).unwrap())).unwrap();
    match candid::decode_one::<CallOutcome>(&devnet.update_call(caller, user(2), "call_raw", arg).unwrap()).unwrap() {
        CallOutcome::Rejected { code, message } => {
            assert_eq!(code, RejectCode::SysTransient as u32);
            assert!(message.contains("out of cycles"), "{message}");
        }
        other => panic!("a frozen callee rejects inter-canister calls: {other:?}"),
    }
    let counter: u64 = {
        devnet.add_cycles(frozen, devnet.freezing_limit(frozen));
        devnet.query_candid(frozen, user(2), "get", ()).unwrap()
    };
    assert_eq!(counter, 0, "nothing ran while frozen");
    let n: u64 = devnet.update_candid(frozen, user(2), "inc", ()).unwrap();
    assert_eq!(n, 1, "topped up above the limit it runs again");
}

/// Spec, "Inter-canister method calls": `call_perform` sets aside the cost of the largest
/// response and of the longest callback, and returns an error (2) instead when that would take the
/// caller below its freezing limit. The probe's refund path runs and the callee sees nothing.
#[test]
fn a_caller_that_cannot_afford_the_response_reserve_gets_the_error_and_refunds() {
    let devnet = Devnet::new();
    let fees = Fees::default();
    let config = devnet.config();
    let (caller, callee) = (install_probe(&devnet), install_probe(&devnet));
    set_freezing_threshold(&devnet, caller, 0);
    devnet.update_candid::<_, u128>(caller, user(2), "burn_all", ()).unwrap();

    let arg = candid::encode_one(callee).unwrap();
    let induction = fees.ingress_induction("pay_and_call".len(), arg.len());
    let prepay = fees.execution(config.update_instruction_limit);
    let reserve = fees.call_total("inc".len() as u64, candid::encode_args(()).unwrap().len() as u64, config.update_instruction_limit);
    // One cycle short of what the call needs once the execution is prepaid.
    let wanted = induction + prepay + reserve - 1;
    let have = devnet.cycle_balance(caller);
    assert!(have < wanted, "burn_all left {have}");
    devnet.add_cycles(caller, wanted - have);

    let reply: String = devnet.update_candid(caller, user(2), "pay_and_call", (callee,)).unwrap();
    assert_eq!(reply, "refunded: call_perform returned 2");
    let reply = devnet.query_call(caller, user(2), "payments", candid::encode_args(()).unwrap()).unwrap();
    let (pending, refunds): (u64, u64) = candid::decode_args(&reply).unwrap();
    assert_eq!((pending, refunds), (0, 1), "the payment was refunded");
    let callee_counter: u64 = devnet.query_candid(callee, user(2), "get", ()).unwrap();
    assert_eq!(callee_counter, 0, "the call was not made");

    // With the reserve available the same call goes through.
    devnet.add_cycles(caller, 100_000_000_000);
    let reply: String = devnet.update_candid(caller, user(2), "pay_and_call", (callee,)).unwrap();
    assert_eq!(reply, "reply in generation 1");
    let callee_counter: u64 = devnet.query_candid(callee, user(2), "get", ()).unwrap();
    assert_eq!(callee_counter, 1);
}

/// Spec, "Message execution": ingress induction is charged to the receiving canister, and the
/// execution costs the base fee plus one cycle per instruction (the prepaid rest is refunded).
#[test]
fn ingress_induction_and_execution_are_charged_exactly() {
    let devnet = Devnet::new();
    let fees = Fees::default();
    let probe = install_probe(&devnet);
    let before = devnet.cycle_balance(probe);
    let arg = candid::encode_args(()).unwrap();
    devnet.update_call(probe, user(2), "inc", arg.clone()).unwrap();
    let instructions = devnet.last_instructions();
    let expected = fees.ingress_induction("inc".len(), arg.len()) + fees.execution(instructions);
    assert_eq!(before - devnet.cycle_balance(probe), expected);
    // Queries are free.
    let before = devnet.cycle_balance(probe);
    devnet.query_call(probe, user(2), "get", arg).unwrap();
    assert_eq!(devnet.cycle_balance(probe), before);
}

/// Spec, "Canister cycles" and "canister_status": storage is paid over time at the idle burn rate
/// that canister_status reports, and a canister that cannot pay is uninstalled.
#[test]
fn storage_burns_over_time_at_the_reported_rate_and_a_broke_canister_is_uninstalled() {
    let devnet = Devnet::new();
    let probe = devnet.create_canister_with_settings(user(1), 1_000_000_000_000, None).unwrap();
    devnet.install_code(probe, common::wasm("devnet-probe"), candid::encode_args(()).unwrap(), user(1)).unwrap();
    let status = devnet.canister_status(probe, user(1)).unwrap();
    assert!(status.idle_cycles_burned_per_day > 0);
    assert_eq!(status.idle_cycles_burned_per_day, Fees::default().idle_burn_per_day(status.memory_size, 0));
    assert_eq!(status.cycles, devnet.cycle_balance(probe));
    // The freezing limit is the idle burn over the threshold (30 days by default).
    assert_eq!(devnet.freezing_limit(probe), status.idle_cycles_burned_per_day * 30);
    devnet.tick();
    let before = devnet.cycle_balance(probe);
    devnet.advance_time(Duration::from_secs(86_400));
    devnet.tick();
    assert_eq!(before - devnet.cycle_balance(probe), status.idle_cycles_burned_per_day, "one day of storage");

    // The management canister's reply carries the same figures.
    let reply = devnet
        .management_call(user(1), "canister_status", candid::encode_one(mgmt::CanisterIdRecord { canister_id: probe }).unwrap())
        .unwrap();
    let record: mgmt::CanisterStatusResult = candid::decode_one(&reply).unwrap();
    assert_eq!(record.idle_cycles_burned_per_day, Nat::from(status.idle_cycles_burned_per_day));
    let m = &record.memory_metrics;
    let parts = [&m.wasm_memory_size, &m.stable_memory_size, &m.wasm_binary_size, &m.custom_sections_size, &m.canister_history_size, &m.wasm_chunk_store_size]
        .into_iter()
        .fold(Nat::from(0u64), |sum, n| sum + n.clone());
    assert_eq!(record.memory_size, parts, "memory_size is the sum of the metrics");

    // Out of cycles: the code and memory are dropped, the canister remains.
    let days_left = devnet.cycle_balance(probe) / status.idle_cycles_burned_per_day + 1;
    devnet.advance_time(Duration::from_secs(86_400 * days_left as u64));
    devnet.tick();
    assert_eq!(devnet.cycle_balance(probe), 0);
    assert!(devnet.canister_exists(probe));
    assert_eq!(devnet.module_hash(probe), None, "uninstalled");
    let err = devnet.update_call(probe, user(2), "inc", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!(err.error_code.as_deref(), Some("IC0537"), "{err}");
}

/// Spec, "install_code": installing is an execution too; a canister that cannot prepay it is
/// refused with IC0207 and stays empty.
#[test]
fn installing_needs_cycles() {
    let devnet = Devnet::new();
    let id = devnet.create_canister_with_settings(user(1), 1_000_000, None).unwrap();
    let err = devnet.install_code(id, common::wasm("devnet-counter"), vec![], user(1)).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (RejectCode::SysTransient, Some("IC0207")), "{err}");
    assert!(err.message.contains("out of cycles"), "{}", err.message);
    assert_eq!(devnet.module_hash(id), None);
    devnet.add_cycles(id, 1_000_000_000_000);
    devnet.install_code(id, common::wasm("devnet-counter"), vec![], user(1)).unwrap();
    let n: u64 = devnet.update_candid(id, user(1), "inc", ()).unwrap();
    assert_eq!(n, 1);
}

/// Spec, "Cycles": the liquid balance is the balance above the freezing limit (minus the
/// running execution's reserve), and `cycles_burn128` burns no more than it.
#[test]
fn the_liquid_balance_excludes_the_freezing_limit() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let liquid: u128 = devnet.query_candid(probe, user(2), "liquid_balance", ()).unwrap();
    assert_eq!(liquid, devnet.cycle_balance(probe) - devnet.freezing_limit(probe));
    devnet.update_candid::<_, u128>(probe, user(2), "burn_all", ()).unwrap();
    let left = devnet.cycle_balance(probe);
    assert!(left >= devnet.freezing_limit(probe), "burning stops at the freezing limit");
    let err = devnet.update_call(probe, user(2), "inc", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!(err.error_code.as_deref(), Some("IC0207"), "no cycles left to prepay an execution: {err}");
}
