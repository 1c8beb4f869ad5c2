//! Assets canister: serves the web app's files with certified responses; controllers upload a build
//! directory in chunks (`store`) and publish it at once (`commit`), which recomputes the certification.
//!
//! Layers: `endpoints` (canister methods) -> `services` (files, http serving, certification; access
//! checks first, on a `CallContext`) -> `repositories` (stable structures, ids in `memory`) -> `models`.
//! Host tests in `tests/`, devnet tests in `../tests/`.

pub mod endpoints;
pub mod memory;
pub mod models;
pub mod repositories;
pub mod services;

#[cfg(test)]
mod tests;

use ic_http_certification::{HttpRequest, HttpResponse};
use icto_shared::assets::*;

candid::export_service!();

/// The Candid interface this crate implements (checked against `assets.did` by a test).
pub fn candid_interface() -> String {
    __export_service()
}
