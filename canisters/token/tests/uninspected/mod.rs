//! Runs a ledger method as a call from another canister would: without `canister_inspect_message`,
//! and without committing anything. Returns the instructions and the trap message, if any.
#![allow(dead_code)]

use candid::Principal;
use devnet::{Devnet, DryRun, DryRunOf};

/// The calling canister.
fn caller() -> Principal {
    Principal::from_slice(&[0x5a, 0, 0, 0, 0, 0, 0, 0, 1, 1])
}

/// An update method run as if called by another canister.
pub fn update(devnet: &Devnet, canister: Principal, method: &str, arg: &[u8]) -> DryRun {
    devnet.dry_run(canister, caller(), DryRunOf::Update, method, arg)
}

/// `canister_inspect_message` for an ingress message to `method`.
pub fn inspect(devnet: &Devnet, canister: Principal, method: &str, arg: &[u8]) -> DryRun {
    devnet.dry_run(canister, caller(), DryRunOf::InspectMessage, method, arg)
}
