//! Storage: users and the salt in stable memory; canister signatures on the heap (they live for a minute,
//! between `prepare_delegation` and `get_delegation`, as in Internet Identity).

pub mod salt;
pub mod signatures;
pub mod users;
