//! Talking to canisters from the browser with ic-agent: the agent, the ICRC ledger and the token factory.
pub mod agent;
pub mod errors;
pub mod history;
pub mod factory;
pub mod icrc;
