//! Typed calls to other canisters, one module per callee. Every call is unbounded-wait: the callees are
//! the platform's own trusted canisters, and a guaranteed response means the backend always knows
//! whether a charge, a refund or a creation happened (no `SYS_UNKNOWN` to resolve). See the README.

pub mod distribution_factory;
pub mod ledger;
pub mod multisig_factory;
pub mod storages;
pub mod token_factory;

/// Why a call did not return a reply we could read.
pub fn describe_call_failure(e: impl std::fmt::Display) -> String {
    e.to_string()
}
