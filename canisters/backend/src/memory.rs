//! The backend's stable memories, a line per `MemoryId` (never renumber or reuse one: upgrades find
//! their data by these ids). The memory manager is the kit's.

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// Settings: admins, payment ledger, contract types, rate limits (`models::settings::Settings`).
pub const SETTINGS: MemoryId = MemoryId::new(0);
/// Deployments by id (hash of user and request key).
pub const DEPLOYMENTS: MemoryId = MemoryId::new(1);
/// Refunds not done yet: (next attempt time, deployment id).
pub const PENDING_REFUNDS: MemoryId = MemoryId::new(2);
/// Rate limit windows: per user, and the global one.
pub const USER_WINDOWS: MemoryId = MemoryId::new(3);
pub const GLOBAL_WINDOW: MemoryId = MemoryId::new(4);
/// Registry: user principal -> small id.
pub const REGISTRY_USER_IDS: MemoryId = MemoryId::new(5);
/// Registry: (user id, contract type, role, contract) keys.
pub const REGISTRY_RELATIONSHIPS: MemoryId = MemoryId::new(6);
/// Registry: relationships per user id.
pub const REGISTRY_USER_COUNTS: MemoryId = MemoryId::new(7);
/// Each user's deployments: (user, n) -> deployment id, newest last.
pub const DEPLOYMENTS_BY_USER: MemoryId = MemoryId::new(8);
/// Outbox: audit events and invoices not yet acknowledged by their storage, in order.
pub const OUTBOX_AUDIT: MemoryId = MemoryId::new(9);
pub const OUTBOX_INVOICES: MemoryId = MemoryId::new(10);
