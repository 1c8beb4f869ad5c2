//! Spec tests: atomic executions, rollback on trap, queries never commit, instruction limits.
mod common;

use common::{install_probe, user, wasm};
use devnet::{Devnet, RejectCode};

#[test]
fn update_commits_and_query_reads() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let a: u64 = devnet.update_candid(probe, user(2), "inc", ()).unwrap();
    let b: u64 = devnet.update_candid(probe, user(2), "inc", ()).unwrap();
    assert_eq!((a, b), (1, 2));
    let now: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(now, 2);
    let caller: devnet::Principal = devnet.query_candid(probe, user(7), "caller", ()).unwrap();
    assert_eq!(caller, user(7));
}

#[test]
fn trap_rolls_back_heap_and_stable_memory() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, ()>(probe, user(2), "set", (5u64,)).unwrap();
    devnet.update_candid::<_, ()>(probe, user(2), "stable_set", (1u64, 10u64)).unwrap();
    let err = devnet.update_candid::<_, ()>(probe, user(2), "write_then_trap", (77u64,)).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert!(err.message.contains("write_then_trap"), "{}", err.message);
    assert_eq!(err.error_code.as_deref(), Some("IC0503"));
    let counter: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(counter, 5, "heap write rolled back");
    let stable: Option<u64> = devnet.query_candid(probe, user(2), "stable_get", (77u64,)).unwrap();
    assert_eq!(stable, None, "stable write rolled back");
    let kept: Option<u64> = devnet.query_candid(probe, user(2), "stable_get", (1u64,)).unwrap();
    assert_eq!(kept, Some(10));
    // The canister keeps working after the trap.
    let next: u64 = devnet.update_candid(probe, user(2), "inc", ()).unwrap();
    assert_eq!(next, 6);
}

#[test]
fn queries_never_commit() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let seen: u64 = devnet.query_candid(probe, user(2), "query_inc", ()).unwrap();
    assert_eq!(seen, 1, "the query saw its own change");
    let after: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(after, 0, "but it was not committed");
    // A query method called as an update executes but does not commit either.
    let seen: u64 = devnet.update_candid(probe, user(2), "query_inc", ()).unwrap();
    assert_eq!(seen, 1);
    let after: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(after, 0);
}

#[test]
fn instruction_limit_exceeded_is_reported_and_rolled_back() {
    let devnet = Devnet::builder().instruction_limits(50_000_000, 20_000_000).build();
    let probe = install_probe(&devnet);
    let used: u64 = devnet.update_candid(probe, user(2), "spin", (1_000u64,)).unwrap();
    assert!(used > 1_000 && used < 50_000_000, "performance counter {used}");
    let err = devnet.update_candid::<_, u64>(probe, user(2), "spin", (1_000_000_000u64,)).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert_eq!(err.error_code.as_deref(), Some("IC0522"));
    assert!(err.message.contains("exceeded the limit of 50000000 instructions"), "{}", err.message);
    let err = devnet.query_candid::<_, u64>(probe, user(2), "spin_query", (1_000_000_000u64,)).unwrap_err();
    assert!(err.message.contains("exceeded the limit of 20000000 instructions"), "{}", err.message);
    let v: u64 = devnet.update_candid(probe, user(2), "inc", ()).unwrap();
    assert_eq!(v, 1);
}

#[test]
fn instruction_counts_are_deterministic() {
    let run = || {
        let devnet = Devnet::new();
        let probe = install_probe(&devnet);
        devnet.update_candid::<_, u64>(probe, user(2), "inc", ()).unwrap();
        devnet.last_instructions()
    };
    let (a, b) = (run(), run());
    assert!(a > 0);
    assert_eq!(a, b);
}

#[test]
fn wasm_memory_limit_traps_with_clear_error() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let settings = ic_management_canister_types::CanisterSettings {
        wasm_memory_limit: Some(candid::Nat::from(8u64 * 1024 * 1024)),
        ..Default::default()
    };
    let arg = candid::encode_one(ic_management_canister_types::UpdateSettingsArgs {
        canister_id: probe,
        settings,
        sender_canister_version: None,
    })
    .unwrap();
    devnet.management_call(user(1), "update_settings", arg).unwrap();
    let err = devnet.update_candid::<_, u64>(probe, user(2), "allocate", (16u64 * 1024 * 1024,)).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert!(err.message.contains("Wasm memory limit"), "{}", err.message);
    let ok: u64 = devnet.update_candid(probe, user(2), "allocate", (1024u64,)).unwrap();
    assert_eq!(ok, 1024);
}

#[test]
fn counter_canister_runs() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, wasm("devnet-counter"), vec![], user(1)).unwrap();
    let n: u64 = devnet.update_candid(id, user(1), "inc", ()).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn trap_after_growing_memory_restores_the_old_memory() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, ()>(probe, user(2), "set", (3u64,)).unwrap();
    let size_before = devnet.canister_status(probe, user(1)).unwrap().memory_size;
    let err = devnet.update_candid::<_, ()>(probe, user(2), "grow_then_trap", (8u64 * 1024 * 1024, 9u64)).unwrap_err();
    assert!(err.message.contains("grow_then_trap"), "{}", err.message);
    assert_eq!(devnet.canister_status(probe, user(1)).unwrap().memory_size, size_before, "memory size restored");
    let counter: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(counter, 3);
    let next: u64 = devnet.update_candid(probe, user(2), "inc", ()).unwrap();
    assert_eq!(next, 4, "the rebuilt instance keeps working");
}
