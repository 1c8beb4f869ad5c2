//! Typed calls to other canisters, one module per callee. Calls are unbounded-wait: the contract always
//! learns whether a transfer happened (a reject means the ledger did not execute it), so a failed claim can
//! be undone safely.

pub mod ledger;
