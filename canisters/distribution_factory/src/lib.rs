//! ICTO's distribution factory: deploys a distribution contract canister (`canisters/distribution`) per
//! campaign at the request of the trusted backend, from a wasm template that admins upload in chunks
//! (versioned by sha256), indexes campaigns by creator and by recipient (reported by the campaigns
//! themselves) and upgrades deployed campaigns. Built on the canister kit (`libs/canister-kit`).
//!
//! Layers, one module per domain (settings, templates, campaigns, relationships) in each: `endpoints`
//! (canister methods) -> `services` (logic, access checks first, on a `CallContext`) -> `repositories`
//! (stable structures, ids in `memory`) -> `models`. Host tests in `tests/`, devnet tests in `../tests/`.

pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

/// Host tests (`src/tests/`), named so that `cargo test --workspace --lib -- distribution_factory` selects them.
#[cfg(test)]
#[path = "tests/mod.rs"]
mod distribution_factory_tests;

use candid::{Nat, Principal};
use icto_shared::backend::RoleChange;
use icto_shared::distribution_factory::*;
use icto_shared::pagination::PageRequest;

candid::export_service!();

/// The Candid interface this crate implements (checked against `distribution_factory.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
