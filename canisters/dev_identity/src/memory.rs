//! Every stable memory region of the dev identity provider under its own `MemoryId` (never renumber:
//! upgrades find their data by these ids). Id 0 held the seed of the former Ed25519 user keys; it is retired.

use ic_stable_structures::memory_manager::{MemoryId, MemoryManager, VirtualMemory};
use ic_stable_structures::DefaultMemoryImpl;
use std::cell::RefCell;

pub type Memory = VirtualMemory<DefaultMemoryImpl>;

pub const USERS: MemoryId = MemoryId::new(1);
pub const SALT: MemoryId = MemoryId::new(2);

thread_local! {
    static MANAGER: RefCell<MemoryManager<DefaultMemoryImpl>> =
        RefCell::new(MemoryManager::init(DefaultMemoryImpl::default()));
}

pub fn get(id: MemoryId) -> Memory {
    MANAGER.with(|m| m.borrow().get(id))
}
