//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod campaign;
pub mod claims;
pub mod lifecycle;
pub mod recipients;
pub mod registration;
