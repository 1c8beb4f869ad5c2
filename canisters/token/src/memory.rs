//! Every stable memory region of the ledger, each under its own `MemoryId` (never reuse or renumber one:
//! upgrades find their data by these ids). The memory manager is the canister kit's.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

pub const SETTINGS: MemoryId = MemoryId::new(0);
/// The first balance layout (account -> amount in one B-tree); migrated to the slots below on upgrade.
pub const LEGACY_BALANCES: MemoryId = MemoryId::new(1);
pub const ALLOWANCES: MemoryId = MemoryId::new(2);
pub const BLOCKS_INDEX: MemoryId = MemoryId::new(3);
pub const BLOCKS_DATA: MemoryId = MemoryId::new(4);
/// The first dedup layout: hash -> block index (5) and a (created_at_time, hash) index (6); migrated
/// to `DEDUP` on upgrade.
pub const LEGACY_DEDUP_BY_HASH: MemoryId = MemoryId::new(5);
pub const LEGACY_DEDUP_BY_TIME: MemoryId = MemoryId::new(6);
pub const TIP: MemoryId = MemoryId::new(7);
pub const ALLOWANCE_EXPIRY: MemoryId = MemoryId::new(8);
/// Balances: account -> slot index (B-tree) and the amounts by slot (vector).
pub const BALANCE_SLOTS: MemoryId = MemoryId::new(9);
pub const BALANCE_AMOUNTS: MemoryId = MemoryId::new(10);
/// Deduplication: (created_at_time, tx hash) -> block index.
pub const DEDUP: MemoryId = MemoryId::new(11);
