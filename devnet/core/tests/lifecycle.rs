//! Spec tests: the canister lifecycle (interface spec, "IC method install_code" /
//! "uninstall_code" / "canister_status" / "canister_info" / "raw_rand", "Canister version",
//! "Method arguments" for the caller of system tasks) and persistence of calls in flight.
mod common;

use candid::Principal;
use common::{install_probe, user, wasm};
use devnet::{Devnet, IngressStatus, ResponseFault};
use ic_management_canister_types as mgmt;
use std::time::Duration;

#[derive(candid::CandidType)]
struct UpgradeArg {
    fail_post_upgrade: bool,
    generation: Option<u64>,
}

fn generation(n: u64) -> Vec<u8> {
    candid::encode_one(Some(UpgradeArg { fail_post_upgrade: false, generation: Some(n) })).unwrap()
}

fn run_queue(devnet: &Devnet) {
    while devnet.execute_next_message() {}
}

/// Spec, "IC method install_code": an upgrade keeps outstanding callbacks; when the response
/// arrives, the callback (a table index) runs on the new code.
#[test]
fn an_upgrade_with_an_outstanding_call_runs_the_callback_on_the_new_code() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    devnet.set_response_fault(b, Some(ResponseFault::Delay(Duration::from_secs(5))));
    let arg = candid::encode_args((b, "inc".to_string())).unwrap();
    let call = devnet.submit_call(a, user(2), "call_with_static_callback", arg).unwrap();
    run_queue(&devnet);
    assert!(matches!(devnet.ingress_status(&call), Some(IngressStatus::Processing)), "waiting for b");
    devnet.upgrade_canister(a, wasm("devnet-probe"), generation(2), user(1)).expect("upgrade with a call outstanding");
    devnet.advance_time(Duration::from_secs(6));
    devnet.tick();
    let reply: String = candid::decode_one(&devnet.await_call(call).unwrap()).unwrap();
    assert_eq!(reply, "reply in generation 2", "the callback ran on the upgraded code");
    let callbacks: u64 = devnet.query_candid(a, user(2), "callbacks_run", ()).unwrap();
    assert_eq!(callbacks, 1);
}

/// Spec, "IC method uninstall_code": callers are rejected and the callbacks never run, even
/// after code is installed again (their cycles are refunded).
#[test]
fn uninstall_rejects_callers_and_drops_callbacks() {
    let devnet = Devnet::new();
    let (a, b) = (install_probe(&devnet), install_probe(&devnet));
    devnet.set_response_fault(b, Some(ResponseFault::Delay(Duration::from_secs(5))));
    let call = devnet.submit_call(a, user(2), "call_with_static_callback", candid::encode_args((b, "inc".to_string())).unwrap()).unwrap();
    run_queue(&devnet);
    let arg = candid::encode_one(mgmt::UninstallCodeArgs { canister_id: a, sender_canister_version: None }).unwrap();
    devnet.management_call(user(1), "uninstall_code", arg).unwrap();
    let err = devnet.await_call(call).unwrap_err();
    assert_eq!((err.code, err.error_code.as_deref()), (devnet::RejectCode::CanisterReject, Some("IC0406")), "{err}");
    assert!(err.message.contains("uninstalled"), "{}", err.message);
    devnet.install_code(a, wasm("devnet-probe"), candid::encode_args(()).unwrap(), user(1)).unwrap();
    let before = devnet.cycle_balance(a);
    devnet.advance_time(Duration::from_secs(6));
    devnet.tick();
    let callbacks: u64 = devnet.query_candid(a, user(2), "callbacks_run", ()).unwrap();
    assert_eq!(callbacks, 0, "the callback did not run on the new code");
    assert!(devnet.cycle_balance(a) > before, "the callback's reserve came back");
}

/// Spec, "Canister version": incremented by every successful update, replicated query,
/// callback and system task, and by install, settings, start, stop (and stopped) and uninstall.
#[test]
fn canister_version_counts_every_change_the_spec_lists() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    let version = |devnet: &Devnet| devnet.canister_status(id, user(1)).unwrap().version;
    assert_eq!(version(&devnet), 0, "0 at creation");
    devnet.install_code(id, wasm("devnet-probe"), candid::encode_args(()).unwrap(), user(1)).unwrap();
    assert_eq!(version(&devnet), 1, "install");
    devnet.update_candid::<_, u64>(id, user(2), "inc", ()).unwrap();
    assert_eq!(version(&devnet), 2, "an update");
    devnet.query_candid::<_, u64>(id, user(2), "get", ()).unwrap();
    assert_eq!(version(&devnet), 2, "a query changes nothing");
    devnet.update_candid::<_, u64>(id, user(2), "get", ()).unwrap();
    assert_eq!(version(&devnet), 3, "a query method run as an update (replicated query)");
    let seen: u64 = devnet.update_candid(id, user(2), "self_inc", ()).unwrap();
    assert_eq!(seen, 2);
    // self_inc: its update, the self-call's update, the callback.
    assert_eq!(version(&devnet), 6);
    let settings = candid::encode_one(mgmt::UpdateSettingsArgs {
        canister_id: id,
        settings: mgmt::CanisterSettings { freezing_threshold: Some(candid::Nat::from(100u64)), ..Default::default() },
        sender_canister_version: None,
    })
    .unwrap();
    devnet.management_call(user(1), "update_settings", settings).unwrap();
    assert_eq!(version(&devnet), 7, "update_settings");
    devnet.stop_canister(id, user(1)).unwrap();
    assert_eq!(version(&devnet), 9, "stop_canister and the move from stopping to stopped");
    devnet.start_canister(id, user(1)).unwrap();
    assert_eq!(version(&devnet), 10, "start_canister");
    let probe_version: u64 = devnet.query_candid(id, user(2), "version", ()).unwrap();
    assert_eq!(probe_version, 10, "ic0.canister_version agrees");
    let arg = candid::encode_one(mgmt::UninstallCodeArgs { canister_id: id, sender_canister_version: None }).unwrap();
    devnet.management_call(user(1), "uninstall_code", arg).unwrap();
    assert_eq!(version(&devnet), 11, "uninstall_code");
}

/// Spec, "Method arguments": during a system task the caller is the management canister.
#[test]
fn the_caller_of_a_timer_is_the_management_canister() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, timer_caller_module(), vec![], user(1)).unwrap();
    assert_eq!(devnet.query_call(id, user(1), "caller", vec![]).unwrap(), vec![0xff], "the timer has not run");
    devnet.update_call(id, user(1), "arm", vec![]).unwrap();
    devnet.tick();
    // Length 0: the management canister's id is the empty blob (the canister's own id has 10 bytes).
    assert_eq!(devnet.query_call(id, user(1), "caller", vec![]).unwrap(), vec![0]);
}

/// `arm` sets the global timer; `canister_global_timer` stores its caller's length at 99 (0xff
/// before it runs) and the caller at 100; `caller` replies with the length byte.
fn timer_caller_module() -> Vec<u8> {
    use wasm_encoder::{
        CodeSection, ConstExpr, DataSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection,
        Instruction as I, MemArg, MemorySection, MemoryType, Module, TypeSection, ValType,
    };
    let mut types = TypeSection::new();
    types.ty().function([], [ValType::I32]); // 0: msg_caller_size
    types.ty().function([ValType::I32; 3], []); // 1: msg_caller_copy
    types.ty().function([ValType::I64], [ValType::I64]); // 2: global_timer_set
    types.ty().function([], []); // 3: msg_reply and the exports
    types.ty().function([ValType::I32, ValType::I32], []); // 4: msg_reply_data_append
    let mut imports = ImportSection::new();
    imports.import("ic0", "msg_caller_size", EntityType::Function(0)); // 0
    imports.import("ic0", "msg_caller_copy", EntityType::Function(1)); // 1
    imports.import("ic0", "global_timer_set", EntityType::Function(2)); // 2
    imports.import("ic0", "msg_reply", EntityType::Function(3)); // 3
    imports.import("ic0", "msg_reply_data_append", EntityType::Function(4)); // 4
    let byte = MemArg { offset: 0, align: 0, memory_index: 0 };
    let bodies: [(&str, Vec<I>); 3] = [
        ("canister_update arm", vec![I::I64Const(1), I::Call(2), I::Drop, I::Call(3)]),
        (
            "canister_global_timer",
            vec![I::I32Const(99), I::Call(0), I::I32Store8(byte), I::I32Const(100), I::I32Const(0), I::Call(0), I::Call(1)],
        ),
        (
            "canister_query caller",
            vec![I::I32Const(99), I::I32Const(1), I::Call(4), I::Call(3)],
        ),
    ];
    let mut functions = FunctionSection::new();
    let mut exports = ExportSection::new();
    let mut code = CodeSection::new();
    for (i, (name, body)) in bodies.iter().enumerate() {
        functions.function(3);
        exports.export(name, ExportKind::Func, 5 + i as u32);
        let mut f = Function::new([]);
        for ins in body {
            f.instruction(ins);
        }
        f.instruction(&I::End);
        code.function(&f);
    }
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut data = DataSection::new();
    data.active(0, &ConstExpr::i32_const(99), [0xffu8]);
    let mut module = Module::new();
    module.section(&types).section(&imports).section(&functions).section(&memories).section(&exports).section(&code).section(&data);
    module.finish()
}

/// Spec, "IC method canister_status" and the chunk-store methods: the canister itself may call
/// them although it is not its own controller.
#[test]
fn a_canister_may_read_its_own_status_and_chunk_store() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    assert!(!devnet.controllers(probe).contains(&probe));
    let cycles: Result<u128, String> = devnet.update_candid(probe, user(2), "own_cycles", ()).unwrap();
    assert!(cycles.unwrap() > 0);
    let chunks: Result<u64, String> = devnet.update_candid(probe, user(2), "own_stored_chunks", ()).unwrap();
    assert_eq!(chunks, Ok(0));
    // Another canister that is not a controller may not.
    let other = install_probe(&devnet);
    let arg = candid::encode_one(mgmt::CanisterIdRecord { canister_id: probe }).unwrap();
    let outcome: CallOutcome =
        devnet.update_candid(other, user(2), "call_raw", (Principal::management_canister(), "canister_status".to_string(), arg)).unwrap();
    assert!(matches!(outcome, CallOutcome::Rejected { code: 5, .. }), "{outcome:?}");
}

#[derive(candid::CandidType, candid::Deserialize, Debug, PartialEq)]
enum CallOutcome {
    Replied(Vec<u8>),
    Rejected { code: u32, message: String },
}

/// Spec, "IC method canister_info": creation, deployments and controller changes, with their
/// versions and origins; any canister may ask.
#[test]
fn canister_info_reports_the_history() {
    let devnet = Devnet::new();
    let asker = install_probe(&devnet);
    let target = install_probe(&devnet);
    devnet.upgrade_canister(target, wasm("devnet-probe"), generation(2), user(1)).unwrap();
    let settings = candid::encode_one(mgmt::UpdateSettingsArgs {
        canister_id: target,
        settings: mgmt::CanisterSettings { controllers: Some(vec![user(1), user(3)]), ..Default::default() },
        sender_canister_version: None,
    })
    .unwrap();
    devnet.management_call(user(1), "update_settings", settings).unwrap();
    let info: Result<mgmt::CanisterInfoResult, String> = devnet.update_candid(asker, user(2), "info", (target, 10u64)).unwrap();
    let info = info.unwrap();
    assert_eq!(info.total_num_changes, 4);
    assert_eq!(info.module_hash, devnet.module_hash(target).map(|h| h.to_vec()));
    assert_eq!(info.controllers, vec![user(1), user(3)]);
    let details: Vec<_> = info.recent_changes.iter().map(|c| c.details.clone().unwrap()).collect();
    assert!(matches!(&details[0], mgmt::ChangeDetails::Creation(r) if r.controllers == vec![user(1)]));
    assert!(matches!(&details[1], mgmt::ChangeDetails::CodeDeployment(r) if r.mode == mgmt::CodeDeploymentMode::Install));
    assert!(matches!(&details[2], mgmt::ChangeDetails::CodeDeployment(r)
        if r.mode == mgmt::CodeDeploymentMode::Upgrade && Some(r.module_hash.clone()) == info.module_hash));
    assert!(matches!(&details[3], mgmt::ChangeDetails::ControllersChange(r) if r.controllers == vec![user(1), user(3)]));
    assert!(info.recent_changes.iter().all(|c| c.origin == mgmt::ChangeOrigin::FromUser(mgmt::FromUserRecord { user_id: user(1) })));
    let versions: Vec<u64> = info.recent_changes.iter().map(|c| c.canister_version).collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "versions grow: {versions:?}");
    // Fewer changes on request; none by default.
    let last_one: Result<mgmt::CanisterInfoResult, String> = devnet.update_candid(asker, user(2), "info", (target, 1u64)).unwrap();
    assert_eq!(last_one.unwrap().recent_changes.len(), 1);
}

/// Spec, "IC method raw_rand": values are unpredictable; after a restart the sequence goes on
/// (it does not repeat the values handed out before), and two devnets differ.
#[test]
fn raw_rand_differs_after_a_restart() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let before: Vec<u8> = devnet.update_candid(probe, user(2), "random_bytes", ()).unwrap();
    let snapshot = devnet.snapshot().unwrap();
    let after_value: Vec<u8> = devnet.update_candid(probe, user(2), "random_bytes", ()).unwrap();
    let restored = Devnet::from_snapshot(serde_cbor::from_slice(&serde_cbor::to_vec(&snapshot).unwrap()).unwrap(), false).unwrap();
    let restarted: Vec<u8> = restored.update_candid(probe, user(2), "random_bytes", ()).unwrap();
    assert_eq!(restarted.len(), 32);
    assert_ne!(restarted, before, "no repeat after a restart");
    assert_eq!(restarted, after_value, "the restored devnet continues the same sequence");
    let elsewhere = Devnet::new();
    let other = install_probe(&elsewhere);
    let first_elsewhere: Vec<u8> = elsewhere.update_candid(other, user(2), "random_bytes", ()).unwrap();
    assert_ne!(first_elsewhere, before, "each devnet draws its own seed");
}

/// Calls in flight (queued messages, call contexts, callbacks) are part of the persisted state:
/// a call under way when the devnet stops completes after the restart.
#[test]
fn a_call_in_flight_completes_after_a_restart() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let call = devnet.submit_call(probe, user(2), "self_inc", candid::encode_args(()).unwrap()).unwrap();
    assert!(devnet.execute_next_message(), "self_inc ran and sent its self-call");
    let snapshot = devnet.snapshot().unwrap();
    let restored = Devnet::from_snapshot(serde_cbor::from_slice(&serde_cbor::to_vec(&snapshot).unwrap()).unwrap(), false).unwrap();
    let reply: u64 = candid::decode_one(&restored.await_call(call).unwrap()).unwrap();
    assert_eq!(reply, 1);
    assert_eq!(restored.query_candid::<_, u64>(probe, user(2), "get", ()).unwrap(), 1);
}
