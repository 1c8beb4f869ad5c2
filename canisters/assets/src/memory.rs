//! Every stable memory region of the assets canister, in one place.
use ic_stable_structures::memory_manager::{MemoryId, MemoryManager, VirtualMemory};
use ic_stable_structures::DefaultMemoryImpl;
use std::cell::RefCell;

pub type Memory = VirtualMemory<DefaultMemoryImpl>;

/// Files being served: key `path \0 encoding`.
pub const LIVE_FILES: MemoryId = MemoryId::new(0);
/// Files uploaded but not yet committed: key `path \0 encoding`.
pub const STAGED_FILES: MemoryId = MemoryId::new(1);

thread_local! {
    static MANAGER: RefCell<MemoryManager<DefaultMemoryImpl>> =
        RefCell::new(MemoryManager::init(DefaultMemoryImpl::default()));
}

pub fn get(id: MemoryId) -> Memory {
    MANAGER.with(|m| m.borrow().get(id))
}
