//! Stored types no other canister sees (the interface types are `icto_shared::multisig`'s).

pub mod proposals;
pub mod spending;
pub mod wallet;
