//! The canister kit's factory machinery on devnet, through the kit probe: a template above one
//! message's size is installed through the chunk store, upgrades and rollbacks follow the history,
//! owners are indexed, locks hold across awaits and are released when a callback traps, and the
//! probe's own upgrade keeps it all.

use candid::Principal;
use icto_shared::kit::KitError;
use icto_shared::pagination::{Page, PageRequest};
use icto_shared::template::{DeployKind, DeployRecord, TemplateInfo, TemplateUploadBegin};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use test_kit::users::principal;
use test_kit::wasm::{built, with_custom_section};
use test_kit::{Canister, Devnet};

fn controller() -> Principal {
    principal(1)
}

fn upload(probe: &Canister, module: &[u8], semver: &str) -> TemplateInfo {
    let begin = TemplateUploadBegin {
        sha256: Sha256::digest(module).to_vec(),
        total_size: module.len() as u64,
        label: format!("probe {semver}"),
        semver: Some(semver.into()),
        release_notes: Some(format!("release {semver}")),
    };
    let begun: Result<(), KitError> = probe.update(controller(), "template_upload_begin", (begin,));
    begun.unwrap();
    for chunk in module.chunks(1_900_000) {
        let r: Result<u64, KitError> = probe.update(controller(), "template_upload_chunk", (serde_bytes::ByteBuf::from(chunk.to_vec()),));
        r.unwrap();
    }
    let committed: Result<TemplateInfo, KitError> = probe.update(controller(), "template_upload_commit", ());
    committed.unwrap()
}

fn kinds(history: &[DeployRecord]) -> Vec<(DeployKind, u32)> {
    history.iter().map(|c| (c.kind, c.version)).collect()
}

#[test]
fn templates_deploys_upgrades_and_rollbacks() {
    let devnet = Arc::new(Devnet::new());
    let probe = Canister::install(&devnet, controller(), built("kit_probe"), candid::encode_args(()).unwrap());
    let v1 = upload(&probe, &built("kit_probe"), "1.0.0");
    // Above the 2 MiB one-message limit: installed through the chunk store.
    let big = with_custom_section(built("kit_probe"), "icto:padding", &vec![0x5a; 2_500_000]);
    let v2 = upload(&probe, &big, "1.1.0");
    assert_eq!((v1.version, v2.version), (1, 2));
    let listed: Vec<TemplateInfo> = probe.query("list_templates", ());
    assert_eq!(listed, vec![v1.clone(), v2.clone()]);

    let owner = principal(2);
    let refused: Result<Principal, KitError> = probe.update(owner, "deploy", (owner,));
    assert!(refused.is_err(), "controllers only");
    let deployed: Result<Principal, KitError> = probe.update(controller(), "deploy", (owner,));
    let contract = deployed.expect("deploy");
    assert_eq!(devnet.controllers(contract), vec![probe.id], "the factory alone controls its contract");
    assert_eq!(devnet.module_hash(contract).map(|h| h.to_vec()), Some(v2.sha256.clone()), "the newest template");
    let mine: Page<Principal> = probe.query("contracts_of", (owner, PageRequest::new(0, 10)));
    assert_eq!(mine, Page { items: vec![contract], total: 1 });

    let to_v1: Result<TemplateInfo, KitError> = probe.update(controller(), "upgrade", (contract, Some(1u32)));
    assert_eq!(to_v1.expect("upgrade"), v1);
    assert_eq!(devnet.module_hash(contract).map(|h| h.to_vec()), Some(v1.sha256.clone()));
    let back: Result<TemplateInfo, KitError> = probe.update(controller(), "rollback", (contract,));
    assert_eq!(back.expect("rollback").version, 2, "back to what ran before the last change");
    assert_eq!(devnet.module_hash(contract).map(|h| h.to_vec()), Some(v2.sha256.clone()));
    let history: Vec<DeployRecord> = probe.query("history", (contract,));
    assert_eq!(kinds(&history), vec![(DeployKind::Install, 2), (DeployKind::Upgrade, 1), (DeployKind::Rollback, 2)]);
    let nothing: Result<TemplateInfo, KitError> = probe.update(controller(), "rollback", (principal(9),));
    assert_eq!(nothing, Err(KitError::NothingToRollBack));

    // The probe's own upgrade keeps templates, history and the owner index.
    probe.upgrade(controller(), v2_of_probe(), candid::encode_args(()).unwrap()).expect("upgrade the probe");
    assert_eq!(probe.query::<_, Vec<TemplateInfo>>("list_templates", ()), vec![v1, v2]);
    assert_eq!(probe.query::<_, Vec<DeployRecord>>("history", (contract,)), history);
    assert_eq!(probe.query::<_, Page<Principal>>("contracts_of", (owner, PageRequest::new(0, 10))), mine);
}

fn v2_of_probe() -> Vec<u8> {
    with_custom_section(built("kit_probe"), "icto:version", b"2")
}

#[test]
fn a_lock_held_across_an_await_is_released_when_the_callback_traps() {
    let devnet = Arc::new(Devnet::new());
    let probe = Canister::install(&devnet, controller(), built("kit_probe"), candid::encode_args(()).unwrap());
    let trapped = probe.try_update::<_, ()>(controller(), "lock_then_trap", (7u64,)).unwrap_err();
    assert!(trapped.message.contains("trapping after the await"), "{trapped:?}");
    assert!(!probe.query::<_, bool>("is_locked", (7u64,)), "the cleanup dropped the lock");
    let held: Result<(), KitError> = probe.update(controller(), "hold_lock", (7u64,));
    assert_eq!(held, Ok(()), "the key can be taken again");
}

#[test]
fn a_second_call_on_a_held_key_is_refused_while_the_first_awaits() {
    let devnet = Arc::new(Devnet::new());
    let probe = Canister::install(&devnet, controller(), built("kit_probe"), candid::encode_args(()).unwrap());
    let arg = candid::encode_args((5u64,)).unwrap();
    let first = devnet.submit_call(probe.id, controller(), "hold_lock", arg.clone()).unwrap();
    let second = devnet.submit_call(probe.id, controller(), "hold_lock", arg).unwrap();
    let decode = |bytes: Vec<u8>| candid::decode_one::<Result<(), KitError>>(&bytes).unwrap();
    assert_eq!(decode(devnet.await_call(first).unwrap()), Ok(()));
    assert_eq!(decode(devnet.await_call(second).unwrap()), Err(KitError::OperationInProgress));
    assert!(!probe.query::<_, bool>("is_locked", (5u64,)));
}
