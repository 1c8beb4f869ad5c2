//! Canister methods: thin wrappers that read the caller and time and call a service.

pub mod admin;
pub mod lifecycle;
pub mod queries;
pub mod tokens;
