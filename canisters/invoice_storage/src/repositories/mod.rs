//! Stable storage, one module per domain.

pub mod invoices;
pub mod settings;
