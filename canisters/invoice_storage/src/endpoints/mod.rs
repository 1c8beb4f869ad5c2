//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod invoices;
pub mod lifecycle;
