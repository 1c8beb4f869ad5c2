//! Stable storage, one module per domain.

pub mod campaigns;
pub mod settings;
pub mod spares;
pub mod templates;
