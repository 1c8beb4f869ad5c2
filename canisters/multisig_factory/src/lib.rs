//! ICTO's multisig factory: deploys a multisig wallet canister (`canisters/multisig`) per team at the
//! request of the trusted backend, from a wasm template that admins upload in chunks (versioned by
//! sha256), indexes wallets by creator, signer and observer (signers and observers as the wallets report
//! them, so a removed signer leaves the index) and upgrades deployed wallets. Built on the canister kit
//! (`libs/canister-kit`), whose `factory` module holds the admin side every factory shares.
//!
//! Layers, one module per domain (settings, templates, wallets, relationships) in each: `endpoints`
//! (canister methods) -> `services` (logic, access checks first, on a `CallContext`) -> `repositories`
//! (stable structures, ids in `memory`) -> `models`. Host tests in `tests/`, devnet tests in `../tests/`.

pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

/// Host tests (`src/tests/`), named so that `cargo test --workspace --lib -- multisig_factory` selects them.
#[cfg(test)]
#[path = "tests/mod.rs"]
mod multisig_factory_tests;

use candid::{Nat, Principal};
use icto_shared::backend::RoleChange;
use icto_shared::multisig_factory::*;
use icto_shared::pagination::PageRequest;

candid::export_service!();

/// The Candid interface this crate implements (checked against `multisig_factory.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
