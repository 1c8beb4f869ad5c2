//! The factory's stable memories, a line per `MemoryId` (never renumber or reuse one: upgrades find
//! their data by these ids). The memory manager is the kit's.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// Settings: admins, backend, cycles per wallet (`models::settings::FactoryState`).
pub const SETTINGS: MemoryId = MemoryId::new(0);
/// Template versions by number, their bytes by (version, chunk), the upload in progress.
pub const TEMPLATES: MemoryId = MemoryId::new(1);
pub const TEMPLATE_CHUNKS: MemoryId = MemoryId::new(2);
pub const TEMPLATE_UPLOAD: MemoryId = MemoryId::new(3);
/// Wallet records by canister id.
pub const WALLETS: MemoryId = MemoryId::new(4);
/// Public list: position -> wallet, in creation order.
pub const WALLETS_BY_SEQ: MemoryId = MemoryId::new(5);
/// Role index (creators as `Owner`, signers as `Signer`, observers as `Observer`): entries, positions, counts.
pub const ROLE_ENTRIES: MemoryId = MemoryId::new(6);
pub const ROLE_POSITIONS: MemoryId = MemoryId::new(7);
pub const ROLE_COUNTS: MemoryId = MemoryId::new(8);
/// Each wallet's code changes (install, upgrades, rollbacks).
pub const DEPLOY_HISTORY: MemoryId = MemoryId::new(9);
/// Wallet canisters whose install failed, kept for the next wallet.
pub const SPARE_CANISTERS: MemoryId = MemoryId::new(10);
/// Relationship changes waiting to be forwarded to the backend's registry.
pub const RELATIONSHIP_OUTBOX: MemoryId = MemoryId::new(11);
