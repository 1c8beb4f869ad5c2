//! The wallet's stable memories, a line per `MemoryId` (never renumber or reuse one: upgrades find their
//! data by these ids). The memory manager is the kit's.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// The wallet: name, factory, creator, threshold, tokens, spending limits (`models::wallet::Wallet`).
pub const WALLET: MemoryId = MemoryId::new(0);
/// Members by principal (signers and observers).
pub const MEMBERS: MemoryId = MemoryId::new(1);
/// Proposals by id (0, 1, ...), with their votes and outcome.
pub const PROPOSALS: MemoryId = MemoryId::new(2);
/// Index of open proposals (pending, approved, executing): id -> expires_at.
pub const OPEN_PROPOSALS: MemoryId = MemoryId::new(3);
/// Closed proposals in the order they closed: position -> id.
pub const CLOSED_PROPOSALS: MemoryId = MemoryId::new(4);
/// SHA-256(proposer, dedup key) -> proposal id.
pub const DEDUP_KEYS: MemoryId = MemoryId::new(5);
/// History entries by sequence number.
pub const HISTORY: MemoryId = MemoryId::new(6);
/// The address book (at most 200 entries, one Candid cell).
pub const ADDRESS_BOOK: MemoryId = MemoryId::new(7);
/// What left the wallet today per limited token: ledger -> (UTC day, amount).
pub const SPENT_TODAY: MemoryId = MemoryId::new(8);
/// Relationship changes waiting for the factory (the kit's `factory_reports` outbox).
pub const FACTORY_REPORTS: MemoryId = MemoryId::new(9);
