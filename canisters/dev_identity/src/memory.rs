//! The provider's stable memories, a line per `MemoryId` (never renumber or reuse one: upgrades find
//! their data by these ids). Id 0 held the seed of the former Ed25519 user keys; it is retired.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// Test users (`repositories::users`).
pub const USERS: MemoryId = MemoryId::new(1);
/// The random salt user keys derive from (`repositories::salt`).
pub const SALT: MemoryId = MemoryId::new(2);
