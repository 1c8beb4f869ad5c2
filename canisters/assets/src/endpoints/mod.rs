//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod files;
pub mod http;
pub mod lifecycle;
