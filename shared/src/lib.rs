//! Candid types used by more than one of: the canisters, the web app, the tools.
//! Types that only one canister uses live in that canister's crate.

pub mod app_config;
pub mod factory;
pub mod token;
pub mod assets_api;
