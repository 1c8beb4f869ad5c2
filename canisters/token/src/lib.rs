//! ICTO's token ledger: ICRC-1, ICRC-2, ICRC-3 (blocks in stable memory, certified tip), ICRC-10 and
//! ICRC-21. Layers: endpoints (canister methods) -> services (logic) -> repositories (stable structures)
//! -> models (keys, blocks, settings). See README.md for storage layout and capacity.

pub mod endpoints;
pub mod hashing;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod runtime;
pub mod services;
pub mod wire;

#[cfg(test)]
mod tests;

use candid::Nat;
use icto_shared::token::*;

candid::export_service!();

/// The Candid interface this crate implements (checked against `token.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
