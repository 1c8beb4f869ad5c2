//! Candid types that cross a canister boundary: one module per canister interface, plus the types the
//! canister kit's machinery shares between canisters (templates, pages, roles, its errors). Types that
//! only one canister uses inside itself live in that canister's crate.

pub mod app_config;
pub mod assets;
pub mod audit;
pub mod backend;
pub mod contract;
pub mod cycles;
pub mod dev_identity;
pub mod distribution;
pub mod distribution_factory;
pub mod invoice;
pub mod kit;
pub mod multisig;
pub mod multisig_factory;
pub mod pagination;
pub mod registry_shards;
pub mod role;
pub mod template;
pub mod token;
pub mod token_config;
pub mod token_factory;
pub mod vesting;
