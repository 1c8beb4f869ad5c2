//! Talking to canisters from the browser with ic-agent: the agent, the ICRC ledger, the token factory, the
//! backend gateway and the invoice and audit storages.
pub mod agent;
pub mod audit;
pub mod backend;
pub mod distribution;
pub mod distribution_factory;
pub mod errors;
pub mod history;
pub mod factory;
pub mod icrc;
pub mod invoice;
pub mod multisig;
pub mod multisig_factory;
