//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod cycles_watch;
pub mod lifecycle;
pub mod settings;
pub mod templates;
pub mod tokens;
