//! Every stable memory region of the factory under its own `MemoryId` (never renumber: upgrades find
//! their data by these ids).

use ic_stable_structures::memory_manager::{MemoryId, MemoryManager, VirtualMemory};
use ic_stable_structures::DefaultMemoryImpl;
use std::cell::RefCell;

pub type Memory = VirtualMemory<DefaultMemoryImpl>;

pub const STATE: MemoryId = MemoryId::new(0);
pub const TEMPLATES: MemoryId = MemoryId::new(1);
pub const TEMPLATE_CHUNKS: MemoryId = MemoryId::new(2);
pub const TOKENS: MemoryId = MemoryId::new(3);
pub const TOKENS_BY_CREATOR: MemoryId = MemoryId::new(4);
pub const TOKENS_BY_SEQ: MemoryId = MemoryId::new(5);
pub const CREATOR_COUNTS: MemoryId = MemoryId::new(6);

thread_local! {
    static MANAGER: RefCell<MemoryManager<DefaultMemoryImpl>> =
        RefCell::new(MemoryManager::init(DefaultMemoryImpl::default()));
}

pub fn get(id: MemoryId) -> Memory {
    MANAGER.with(|m| m.borrow().get(id))
}
