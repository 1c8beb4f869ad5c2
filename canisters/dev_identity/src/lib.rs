//! Development identity provider (local networks only): a page speaking the Internet Identity client
//! protocol, where a person picks or creates a test user. As Internet Identity does, it signs each
//! delegation to the app's session key with a canister signature (the user's key is this canister's id and
//! a seed; no private key exists), so the app's login runs exactly as on mainnet.
//! Layers: endpoints -> services -> repositories (ids in `memory`); its Candid types are in
//! `icto_shared::dev_identity`.

pub mod endpoints;
pub mod memory;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

pub use icto_shared::dev_identity as api;

use candid::Principal;
use ic_http_certification::{HttpRequest, HttpResponse};
use icto_shared::dev_identity::*;

candid::export_service!();

/// The Candid interface this crate implements (checked against `dev_identity.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
