//! The assets canister's stable memories, a line per `MemoryId` (never renumber or reuse one). The
//! memory manager is the canister kit's.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// Files being served: key `path \0 encoding`.
pub const LIVE_FILES: MemoryId = MemoryId::new(0);
/// Files uploaded but not yet committed: key `path \0 encoding`.
pub const STAGED_FILES: MemoryId = MemoryId::new(1);
