//! Audit logic: access, settings, the chain.

pub mod access;
pub mod chain;
pub mod settings;
