//! Ledger logic. Services take a `CallContext` instead of reading the system API, so host tests drive them.

pub mod approve;
pub mod balance_changes;
pub mod block_writer;
pub mod consent;
pub mod consent_text;
pub mod context;
pub mod errors;
pub mod icrc3;
pub mod lifecycle;
pub mod params;
pub mod queries;
pub mod transfer;
pub mod transfer_from;
pub mod validation;
