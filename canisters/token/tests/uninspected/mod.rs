//! Runs a ledger method as a call from another canister would: without `canister_inspect_message`,
//! and without committing anything. Returns the instructions and the trap message, if any.
#![allow(dead_code)]

use candid::Principal;
use devnet::runtime::{Entry, EntryKind, ExecOutcome};
use devnet::Devnet;

pub struct Outcome {
    pub instructions: u64,
    pub trap: Option<String>,
}

pub fn execute(devnet: &Devnet, canister: Principal, kind: EntryKind, export: &str, method: &str, arg: &[u8]) -> Outcome {
    let mut subnet = devnet.subnet();
    let mut ctx = subnet.base_context(&canister, kind);
    ctx.caller = Principal::from_slice(&[0x5a, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    ctx.method = method.to_string();
    ctx.arg = arg.to_vec();
    ctx.may_respond = kind != EntryKind::InspectMessage;
    let result = subnet.run_on_canister(&canister, &Entry::Export(export.to_string()), ctx, false).expect("the canister has code");
    let trap = match result.outcome {
        ExecOutcome::Trap { message, .. } => Some(message),
        ExecOutcome::Ok => None,
    };
    Outcome { instructions: result.instructions, trap }
}

/// An update method run as if called by another canister.
pub fn update(devnet: &Devnet, canister: Principal, method: &str, arg: &[u8]) -> Outcome {
    execute(devnet, canister, EntryKind::Update, &format!("canister_update {method}"), method, arg)
}

/// `canister_inspect_message` for an ingress message to `method`.
pub fn inspect(devnet: &Devnet, canister: Principal, method: &str, arg: &[u8]) -> Outcome {
    execute(devnet, canister, EntryKind::InspectMessage, "canister_inspect_message", method, arg)
}
