//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod deployments;
pub mod lifecycle;
pub mod registry;
pub mod settings;
