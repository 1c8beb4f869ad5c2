//! Stable storage of the ledger, one module per structure; each exposes plain functions over its
//! thread-local structure so services never hold a borrow across calls.

pub mod allowances;
pub mod balances;
pub mod blocks;
pub mod dedup;
pub mod settings;
pub mod slot_cache;
pub mod tip;
