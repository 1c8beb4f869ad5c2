//! ICTO's audit storage: an append-only log where each entry carries the hash of the one before, and the
//! chain's tip is the canister's certified data. Only whitelisted writers (the backend) append; nothing
//! deletes or rewrites an entry. Users read the entries that concern them, admins all, in pages.
//! Layers: endpoints -> services (on a `CallContext`) -> repositories (ids in `memory`) -> models.

pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use candid::Principal;
use icto_shared::audit::*;

candid::export_service!();

/// The Candid interface this crate implements (checked against `audit_storage.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
