//! ICTO's token factory: deploys a token ledger canister per request of the trusted backend, from a
//! wasm template that admins upload in chunks (versioned by sha256), indexes tokens by owner, and
//! upgrades deployed tokens to other templates. Built on the canister kit (`libs/canister-kit`).
//!
//! Layers, one module per domain (settings, templates, tokens) in each: `endpoints` (canister methods)
//! -> `services` (logic, access checks first, on a `CallContext`) -> `repositories` (stable structures,
//! ids in `memory`) -> `models`. Host tests in `tests/`, devnet tests in `../tests/`.

pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use candid::{Nat, Principal};
use icto_shared::backend::RoleChange;
use icto_shared::cycles::{CyclesReport, CyclesWatchSettings};
use icto_shared::pagination::PageRequest;
use icto_shared::token_factory::*;

candid::export_service!();

/// The Candid interface this crate implements (checked against `token_factory.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
