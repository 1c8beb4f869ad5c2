//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod lifecycle;
pub mod relationships;
pub mod settings;
pub mod templates;
pub mod wallets;
