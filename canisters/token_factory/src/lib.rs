//! ICTO's token factory: deploys a token ledger canister per request of the trusted backend, from a
//! wasm template that admins upload in chunks (versioned by sha256), indexes tokens by creator, and
//! upgrades deployed tokens to newer templates. Layers: endpoints -> services -> repositories -> models.

pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use candid::{Nat, Principal};
use icto_shared::factory::*;

candid::export_service!();

/// The Candid interface this crate implements (checked against `token_factory.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
