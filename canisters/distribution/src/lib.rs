//! A distribution contract: one canister per campaign. The creator fixes vesting categories and a list of
//! recipients, funds the contract on the token ledger and activates it; recipients then claim what has
//! vested from the contract's balance. The creator may pause it or cancel it (when the campaign allows),
//! which sends the unvested remainder back. Who relates to the campaign (its owner, its recipients) is
//! reported to the factory through the kit's durable outbox (`canister_kit::factory_reports`).
//!
//! Layers, one module per domain (campaign, recipients, claims): `endpoints` (canister methods) ->
//! `services` (logic, access checks first, on a `CallContext`) -> `repositories` (stable structures, ids
//! in `memory`) -> `models`; `clients::ledger` calls the token ledger. Host tests in `tests/`, devnet
//! tests in `../tests/`.

pub mod clients;
pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use candid::Nat;
use icto_shared::distribution::*;
use icto_shared::pagination::{Page, PageRequest};

use candid::Principal;

candid::export_service!();

/// The Candid interface this crate implements (checked against `distribution.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
