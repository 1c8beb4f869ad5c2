//! One module per platform canister: how it is installed and wired to the others.

pub mod assets;
pub mod backend;
pub mod dev_identity;
pub mod distribution_factory;
pub mod multisig_factory;
pub mod payment_ledger;
pub mod storages;
pub mod templates;
pub mod token_factory;
