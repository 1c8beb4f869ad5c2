//! Spec tests: the management canister's install path (install, reinstall, upgrade, chunked,
//! gzipped, invalid modules), controllers, canister status and lifecycle.
mod common;

use candid::Principal;
use common::{install_probe, user, wasm, wasm_gz};
use devnet::{CanisterRunState, Devnet, RejectCode};
use ic_management_canister_types as mgmt;
use sha2::{Digest, Sha256};

#[derive(candid::CandidType)]
struct UpgradeArg {
    fail_post_upgrade: bool,
}

#[derive(candid::CandidType)]
struct InitArg {
    trap: bool,
}

fn upgrade_arg(fail: bool) -> Vec<u8> {
    candid::encode_one(Some(UpgradeArg { fail_post_upgrade: fail })).unwrap()
}

#[test]
fn upgrade_keeps_stable_memory_and_runs_hooks() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    for _ in 0..3 {
        devnet.update_candid::<_, u64>(probe, user(2), "inc", ()).unwrap();
    }
    devnet.update_candid::<_, ()>(probe, user(2), "stable_set", (5u64, 55u64)).unwrap();
    let version_before = devnet.canister_status(probe, user(1)).unwrap().version;
    devnet.upgrade_canister(probe, wasm("devnet-probe"), upgrade_arg(false), user(1)).unwrap();
    let kept: Option<u64> = devnet.query_candid(probe, user(2), "stable_get", (5u64,)).unwrap();
    assert_eq!(kept, Some(55), "stable memory survives the upgrade");
    let counter: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(counter, 3, "pre_upgrade saved the heap counter, post_upgrade restored it");
    let hooks: Vec<String> = devnet.query_candid(probe, user(2), "hooks", ()).unwrap();
    assert_eq!(hooks, vec!["post_upgrade".to_string()], "the heap is fresh; only post_upgrade ran in it");
    assert!(devnet.canister_status(probe, user(1)).unwrap().version > version_before);
}

#[test]
fn failed_upgrade_leaves_old_code_and_state() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, u64>(probe, user(2), "inc", ()).unwrap();
    devnet.update_candid::<_, ()>(probe, user(2), "stable_set", (1u64, 11u64)).unwrap();
    let hash = devnet.module_hash(probe);
    let err = devnet.upgrade_canister(probe, wasm("devnet-counter"), vec![], user(1));
    assert!(err.is_ok(), "upgrading to another module works: {err:?}");
    devnet.upgrade_canister(probe, wasm("devnet-probe"), upgrade_arg(false), user(1)).unwrap();
    let hash_probe = devnet.module_hash(probe);
    assert_eq!(hash, hash_probe);

    devnet.update_candid::<_, ()>(probe, user(2), "set", (42u64,)).unwrap();
    let err = devnet.upgrade_canister(probe, wasm("devnet-probe"), upgrade_arg(true), user(1)).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert!(err.message.contains("post_upgrade asked to fail"), "{}", err.message);
    let counter: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(counter, 42, "the old heap is intact");
    let hooks: Vec<String> = devnet.query_candid(probe, user(2), "hooks", ()).unwrap();
    assert_eq!(hooks, vec!["post_upgrade".to_string()], "the old instance still runs");
    let kept: Option<u64> = devnet.query_candid(probe, user(2), "stable_get", (1u64,)).unwrap();
    assert_eq!(kept, Some(11));
    assert_eq!(devnet.module_hash(probe), hash_probe);
}

#[test]
fn init_trap_reverts_install() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    let trap_arg = candid::encode_one(Some(InitArg { trap: true })).unwrap();
    let err = devnet.install_code(id, wasm("devnet-probe"), trap_arg.clone(), user(1)).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert!(err.message.contains("init asked to fail"), "{}", err.message);
    assert_eq!(devnet.module_hash(id), None);
    // A failed reinstall keeps the installed code and its state.
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, u64>(probe, user(2), "inc", ()).unwrap();
    assert!(devnet.reinstall_code(probe, wasm("devnet-probe"), trap_arg, user(1)).is_err());
    let counter: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(counter, 1);
}

#[test]
fn controllers_are_enforced() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let stranger = user(66);
    let err = devnet.upgrade_canister(probe, wasm("devnet-probe"), upgrade_arg(false), stranger).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert_eq!(err.error_code.as_deref(), Some("IC0512"));
    assert!(err.message.contains("Only the controllers"), "{}", err.message);
    assert!(devnet.stop_canister(probe, stranger).is_err());
    assert!(devnet.canister_status(probe, stranger).is_err());
    let arg = candid::encode_one(mgmt::UpdateSettingsArgs {
        canister_id: probe,
        settings: mgmt::CanisterSettings { controllers: Some(vec![stranger]), ..Default::default() },
        sender_canister_version: None,
    })
    .unwrap();
    assert!(devnet.management_call(stranger, "update_settings", arg.clone()).is_err());
    devnet.management_call(user(1), "update_settings", arg).unwrap();
    assert_eq!(devnet.controllers(probe), vec![stranger]);
    assert!(devnet.canister_status(probe, user(1)).is_err(), "the old controller lost control");
    assert_eq!(devnet.canister_status(probe, stranger).unwrap().status, CanisterRunState::Running);
}

#[test]
fn gzipped_wasm_installs_and_module_hash_is_of_the_given_bytes() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    let gz = wasm_gz("devnet-counter");
    devnet.install_code(id, gz.clone(), vec![], user(1)).unwrap();
    let n: u64 = devnet.update_candid(id, user(1), "inc", ()).unwrap();
    assert_eq!(n, 1);
    let expected: [u8; 32] = Sha256::digest(&gz).into();
    assert_eq!(devnet.module_hash(id), Some(expected));
}

/// A module importing `ic0.<name>` (built by hand, so the test needs no toolchain).
fn module_importing(name: &str) -> Vec<u8> {
    use wasm_encoder::{EntityType, ImportSection, Module, TypeSection};
    let mut types = TypeSection::new();
    types.ty().function([], []);
    let mut imports = ImportSection::new();
    imports.import("ic0", name, EntityType::Function(0));
    let mut module = Module::new();
    module.section(&types).section(&imports);
    module.finish()
}

#[test]
fn unknown_ic0_import_fails_install_naming_it() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    let err = devnet.install_code(id, module_importing("no_such_call"), vec![], user(1)).unwrap_err();
    assert_eq!(err.code, RejectCode::CanisterError);
    assert!(err.message.contains("ic0.no_such_call"), "{}", err.message);
    assert_eq!(devnet.module_hash(id), None);
    // A known import with the wrong type is refused too, with the reason.
    let err = devnet.install_code(id, module_importing("msg_reply_data_append"), vec![], user(1)).unwrap_err();
    assert!(err.message.contains("msg_reply_data_append"), "{}", err.message);
    let err = devnet.install_code(id, b"\0asm garbage".to_vec(), vec![], user(1)).unwrap_err();
    assert!(err.message.contains("not valid"), "{}", err.message);
}

#[test]
fn install_modes_and_chunked_install() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, u64>(probe, user(2), "inc", ()).unwrap();
    let err = devnet.install_code(probe, wasm("devnet-probe"), candid::encode_args(()).unwrap(), user(1)).unwrap_err();
    assert!(err.message.contains("not empty"), "{}", err.message);
    devnet.reinstall_code(probe, wasm("devnet-probe"), candid::encode_args(()).unwrap(), user(1)).unwrap();
    let counter: u64 = devnet.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(counter, 0, "reinstall starts from scratch");

    let target = devnet.create_canister(user(1));
    let module = wasm("devnet-counter");
    let mut hashes = Vec::new();
    for chunk in module.chunks(64 * 1024) {
        let arg = candid::encode_one(mgmt::UploadChunkArgs { canister_id: target, chunk: chunk.to_vec() }).unwrap();
        let reply = devnet.management_call(user(1), "upload_chunk", arg).unwrap();
        hashes.push(candid::decode_one::<mgmt::ChunkHash>(&reply).unwrap());
    }
    let stored = devnet
        .management_call(user(1), "stored_chunks", candid::encode_one(mgmt::CanisterIdRecord { canister_id: target }).unwrap())
        .unwrap();
    assert_eq!(candid::decode_one::<Vec<mgmt::ChunkHash>>(&stored).unwrap().len(), hashes.len());
    let arg = candid::encode_one(mgmt::InstallChunkedCodeArgs {
        mode: mgmt::CanisterInstallMode::Install,
        target_canister: target,
        store_canister: None,
        chunk_hashes_list: hashes,
        wasm_module_hash: Sha256::digest(&module).to_vec(),
        arg: vec![],
        sender_canister_version: None,
    })
    .unwrap();
    devnet.management_call(user(1), "install_chunked_code", arg).unwrap();
    let n: u64 = devnet.update_candid(target, user(1), "inc", ()).unwrap();
    assert_eq!(n, 1);
    devnet
        .management_call(user(1), "clear_chunk_store", candid::encode_one(mgmt::CanisterIdRecord { canister_id: target }).unwrap())
        .unwrap();
}

#[test]
fn lifecycle_status_cycles_and_specified_ids() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    let status = devnet.canister_status(probe, user(1)).unwrap();
    assert_eq!(status.status, CanisterRunState::Running);
    assert_eq!(status.controllers, vec![user(1)]);
    assert!(status.memory_size > 0);
    let err = devnet.delete_canister(probe, user(1)).unwrap_err();
    assert!(err.message.contains("must be stopped"), "{}", err.message);
    devnet.stop_canister(probe, user(1)).unwrap();
    assert_eq!(devnet.canister_status(probe, user(1)).unwrap().status, CanisterRunState::Stopped);
    devnet.start_canister(probe, user(1)).unwrap();
    let n: u64 = devnet.update_candid(probe, user(2), "inc", ()).unwrap();
    assert_eq!(n, 1);

    let before = devnet.cycle_balance(probe);
    assert_eq!(devnet.add_cycles(probe, 1_000), before + 1_000);

    let wanted = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
    assert_eq!(devnet.create_canister_with_id(wanted, user(1)).unwrap(), wanted);
    let err = devnet.create_canister_with_id(wanted, user(1)).unwrap_err();
    assert!(err.message.contains("exists"), "{}", err.message);

    // Status through the management canister decodes with the standard Candid type.
    let reply = devnet
        .management_call(user(1), "canister_status", candid::encode_one(mgmt::CanisterIdRecord { canister_id: probe }).unwrap())
        .unwrap();
    let status: mgmt::CanisterStatusResult = candid::decode_one(&reply).unwrap();
    assert_eq!(status.settings.controllers, vec![user(1)]);
    // raw_rand is for canisters only (spec, "IC method raw_rand").
    let err = devnet.management_call(user(1), "raw_rand", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!(err.error_code.as_deref(), Some("IC0406"), "{err}");
    let rand: Vec<u8> = devnet.update_candid(probe, user(2), "random_bytes", ()).unwrap();
    assert_eq!(rand.len(), 32);
}

#[test]
fn out_of_cycles_canister_cannot_run() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    // Burning everything above the freezing limit leaves less than an update's prepayment.
    devnet.update_candid::<_, u128>(probe, user(2), "burn_all", ()).unwrap();
    let err = devnet.update_call(probe, user(1), "inc", candid::encode_args(()).unwrap()).unwrap_err();
    assert_eq!(err.code, RejectCode::SysTransient);
    assert!(err.message.contains("out of cycles"), "{}", err.message);
    devnet.add_cycles(probe, 1_000_000_000_000);
    let n: u64 = devnet.update_candid(probe, user(1), "inc", ()).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn snapshot_and_restore_keep_every_canister_state() {
    let devnet = Devnet::new();
    let probe = install_probe(&devnet);
    devnet.update_candid::<_, ()>(probe, user(2), "set", (21u64,)).unwrap();
    devnet.update_candid::<_, ()>(probe, user(2), "stable_set", (2u64, 22u64)).unwrap();
    devnet.update_candid::<_, ()>(probe, user(2), "set_certified_data", (vec![3u8; 32],)).unwrap();
    let snapshot = devnet.snapshot().unwrap();
    let bytes = serde_cbor::to_vec(&snapshot).unwrap();
    let restored = Devnet::from_snapshot(serde_cbor::from_slice(&bytes).unwrap(), false).unwrap();
    assert_eq!(restored.root_key_der(), devnet.root_key_der());
    assert_eq!(restored.time_nanos(), devnet.time_nanos());
    assert_eq!(restored.module_hash(probe), devnet.module_hash(probe));
    assert_eq!(restored.certified_data(probe), vec![3u8; 32]);
    let counter: u64 = restored.query_candid(probe, user(2), "get", ()).unwrap();
    assert_eq!(counter, 21);
    let kept: Option<u64> = restored.query_candid(probe, user(2), "stable_get", (2u64,)).unwrap();
    assert_eq!(kept, Some(22));
    let next: u64 = restored.update_candid(probe, user(2), "inc", ()).unwrap();
    assert_eq!(next, 22);
    assert_ne!(restored.create_canister(user(1)), probe, "new ids do not collide with restored ones");
}
