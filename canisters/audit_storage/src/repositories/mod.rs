//! Stable storage, one module per domain.

pub mod entries;
pub mod settings;
