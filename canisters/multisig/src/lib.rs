//! A multisig wallet: one canister per team. It holds ICRC-1/2 tokens in its default account and moves
//! them, changes its members and policy, or calls other canisters only when enough of its signers approve a
//! proposal (M of N, always against the *current* signers and threshold). Observers read. Who relates to
//! the wallet (its owner, signers, observers) is reported to the factory through the kit's durable outbox
//! (`canister_kit::factory_reports`).
//!
//! Layers, one module per domain (wallet, proposals, votes, execution, tokens, address_book, history):
//! `endpoints` (canister methods) -> `services` (logic, access checks first, on a `CallContext`) ->
//! `repositories` (stable structures, ids in `memory`) -> `models`; `clients` call ledgers and other
//! canisters. Host tests in `tests/`, devnet tests in `../tests/`.

pub mod clients;
pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use candid::Principal;
use icto_shared::multisig::*;
use icto_shared::pagination::PageRequest;
use icto_shared::token::Account;

candid::export_service!();

/// The Candid interface this crate implements (checked against `multisig.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
