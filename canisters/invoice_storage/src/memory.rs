//! The invoice storage's stable memories, a line per `MemoryId` (never renumber or reuse one).

pub use canister_kit::memory::{get, Memory};
use ic_stable_structures::memory_manager::MemoryId;

/// Settings: admins and the backend (`models::settings::Settings`).
pub const SETTINGS: MemoryId = MemoryId::new(0);
/// Invoices by payment id.
pub const INVOICES: MemoryId = MemoryId::new(1);
/// (user, created_at, payment id): each user's invoices in time order.
pub const BY_USER: MemoryId = MemoryId::new(2);
