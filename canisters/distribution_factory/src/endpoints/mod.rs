//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod campaigns;
pub mod lifecycle;
pub mod relationships;
pub mod settings;
pub mod templates;
