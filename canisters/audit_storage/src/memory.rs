//! The audit storage's stable memories, a line per `MemoryId` (never renumber or reuse one).

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// Settings: admins and writers (`models::settings::Settings`).
pub const SETTINGS: MemoryId = MemoryId::new(0);
/// The entries: a `StableLog` (index and data memories).
pub const LOG_INDEX: MemoryId = MemoryId::new(1);
pub const LOG_DATA: MemoryId = MemoryId::new(2);
/// (subject user, entry index): the entries each user may read.
pub const BY_SUBJECT: MemoryId = MemoryId::new(3);
