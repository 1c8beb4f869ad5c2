//! Stored types no other canister sees (the interface types are in `icto_shared::distribution`).

pub mod campaign;
pub mod claims;
pub mod progress;
pub mod recipients;
