//! The canister's one `MemoryManager`: every stable structure lives in a virtual memory under its own
//! `MemoryId`. A canister's `memory.rs` lists its ids (a line per id, never renumbered: upgrades find
//! their data by them) and gets memories from here.

use ic_stable_structures::memory_manager::{MemoryId, MemoryManager, VirtualMemory};
use ic_stable_structures::DefaultMemoryImpl;
use std::cell::RefCell;

pub use ic_stable_structures::memory_manager::MemoryId as Id;

pub type Memory = VirtualMemory<DefaultMemoryImpl>;

thread_local! {
    static MANAGER: RefCell<MemoryManager<DefaultMemoryImpl>> =
        RefCell::new(MemoryManager::init(DefaultMemoryImpl::default()));
}

/// The virtual memory under `id`.
pub fn get(id: MemoryId) -> Memory {
    MANAGER.with(|m| m.borrow().get(id))
}
