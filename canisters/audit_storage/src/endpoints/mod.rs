//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod chain;
pub mod lifecycle;
pub mod settings;
