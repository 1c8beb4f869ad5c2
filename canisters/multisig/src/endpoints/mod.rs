//! Canister methods: each reads the call context and hands the decoded argument to its service.

pub mod address_book;
pub mod history;
pub mod lifecycle;
pub mod proposals;
pub mod tokens;
pub mod wallet;
