//! The factory's stable memories, a line per `MemoryId` (never renumber or reuse one: upgrades find
//! their data by these ids). The memory manager is the kit's.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// Settings: admins, backend, cycles per token (`models::settings::FactoryState`).
pub const SETTINGS: MemoryId = MemoryId::new(0);
/// Template versions by number.
pub const TEMPLATES: MemoryId = MemoryId::new(1);
/// Template bytes by (version, chunk).
pub const TEMPLATE_CHUNKS: MemoryId = MemoryId::new(2);
/// Token records by canister id.
pub const TOKENS: MemoryId = MemoryId::new(3);
/// First layout's creator index, (creator, n) -> token: moved to the role index on upgrade, then empty.
pub const LEGACY_TOKENS_BY_CREATOR: MemoryId = MemoryId::new(4);
/// Public list: position -> token, in creation order.
pub const TOKENS_BY_SEQ: MemoryId = MemoryId::new(5);
/// First layout's count per creator: dropped on upgrade, then empty.
pub const LEGACY_CREATOR_COUNTS: MemoryId = MemoryId::new(6);
/// The template upload in progress.
pub const TEMPLATE_UPLOAD: MemoryId = MemoryId::new(7);
/// Role index (owners of tokens): entries, positions, counts.
pub const ROLE_ENTRIES: MemoryId = MemoryId::new(8);
pub const ROLE_POSITIONS: MemoryId = MemoryId::new(9);
pub const ROLE_COUNTS: MemoryId = MemoryId::new(10);
/// Each token's code changes (install, upgrades).
pub const DEPLOY_HISTORY: MemoryId = MemoryId::new(11);
/// Token canisters whose install failed, kept for the next token.
pub const SPARE_CANISTERS: MemoryId = MemoryId::new(12);
/// Cycles watch (the kit's `CyclesWatch`): state (settings, cursor, last pass), given per token per day,
/// the top-up log. Ids 20 to 29 are the watch's.
pub const CYCLES_WATCH_STATE: MemoryId = MemoryId::new(20);
pub const CYCLES_WATCH_GIVEN: MemoryId = MemoryId::new(21);
pub const CYCLES_WATCH_LOG: MemoryId = MemoryId::new(22);
/// Relationship changes waiting to be forwarded to the backend's registry.
pub const RELATIONSHIP_OUTBOX: MemoryId = MemoryId::new(13);
