//! Stable structures, one module per domain; nothing else touches them.

pub mod campaign;
pub mod claims;
pub mod recipients;
pub mod registration;
