//! Every stable memory region of the probe canister.
use ic_stable_structures::memory_manager::{MemoryId, MemoryManager, VirtualMemory};
use ic_stable_structures::DefaultMemoryImpl;
use std::cell::RefCell;

pub type Memory = VirtualMemory<DefaultMemoryImpl>;

pub const KV: MemoryId = MemoryId::new(0);
pub const UPGRADE_STATE: MemoryId = MemoryId::new(1);

thread_local! {
    static MANAGER: RefCell<MemoryManager<DefaultMemoryImpl>> =
        RefCell::new(MemoryManager::init(DefaultMemoryImpl::default()));
}

pub fn get(id: MemoryId) -> Memory {
    MANAGER.with(|m| m.borrow().get(id))
}
