//! Stable storage, one module per domain.

pub mod settings;
pub mod spares;
pub mod templates;
pub mod wallets;
