//! ICTO's invoice storage: an invoice per payment (paid deployment) keyed by payment id, with refunds.
//! Only the backend writes, by idempotent upserts whose status only moves forward; users page through
//! their own invoices, admins anyone's.
//! Layers: endpoints -> services (on a `CallContext`) -> repositories (ids in `memory`) -> models.

pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use candid::Principal;
use icto_shared::invoice::*;

candid::export_service!();

/// The Candid interface this crate implements (checked against `invoice_storage.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
