//! ICTO's backend gateway: every paid deployment passes here. It takes the fee (ICRC-2, deduplicated per
//! request), asks the contract type's factory to deploy, registers the owner, and refunds automatically
//! when a step after the charge fails. It keeps the platform's config (fees, cycles, flags, admins,
//! factories, payment ledger, rate limits) and the registry of who relates to which contract.
//!
//! Layers, one module per domain: `endpoints` -> `services` (on a `CallContext`) -> `repositories`
//! (stable structures, ids in `memory`) -> `models`; `clients` call the ledger and the factories.

pub mod clients;
pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use candid::Principal;
use icto_shared::backend::*;
use icto_shared::contract::ContractType;

candid::export_service!();

/// The Candid interface this crate implements (checked against `backend.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
