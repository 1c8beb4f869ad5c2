//! The contract's stable memories, a line per `MemoryId` (never renumber or reuse one: upgrades find their
//! data by these ids). The memory manager is the kit's.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// The campaign: config, the cancel refund, registration (`models::campaign::Campaign`); its status and
/// counters as of its first write only (live in `PROGRESS`).
pub const CAMPAIGN: MemoryId = MemoryId::new(0);
/// Recipient rows by position (0, 1, ...), in the order they were added.
pub const RECIPIENTS: MemoryId = MemoryId::new(1);
/// Index: (owner, subaccount, category) -> position in `RECIPIENTS`.
pub const RECIPIENTS_BY_ACCOUNT: MemoryId = MemoryId::new(2);
/// Claims by sequence number.
pub const CLAIMS: MemoryId = MemoryId::new(3);
/// Relationship changes waiting for the factory (the kit's `factory_reports` outbox).
pub const FACTORY_REPORTS: MemoryId = MemoryId::new(4);
/// Self-registration's whitelist: principal -> ().
pub const WHITELIST: MemoryId = MemoryId::new(5);
/// The campaign's status and counters in a fixed encoding (`models::progress`): claims write these only.
pub const PROGRESS: MemoryId = MemoryId::new(6);
