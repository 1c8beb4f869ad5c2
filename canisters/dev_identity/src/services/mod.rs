//! The provider's logic. Services take the canister id, time and salt as arguments where they can, so host
//! tests drive them directly.

pub mod certification;
pub mod delegations;
pub mod http;
pub mod network;
pub mod salt;
pub mod user_keys;
pub mod users;
