//! Typed calls to other canisters, one module per callee. Calls are unbounded-wait: the wallet always
//! learns whether a transfer happened (a reject means the ledger did not execute it).

pub mod canister;
pub mod ledger;
