//! Canister methods: thin wrappers that read the caller, time and system state and call a service.

pub mod delegations;
pub mod http;
pub mod lifecycle;
pub mod users;
