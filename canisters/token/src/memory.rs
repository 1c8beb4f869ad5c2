//! Every stable memory region of the ledger, each under its own `MemoryId` (never reuse or renumber one:
//! upgrades find their data by these ids).

use ic_stable_structures::memory_manager::{MemoryId, MemoryManager, VirtualMemory};
use ic_stable_structures::DefaultMemoryImpl;
use std::cell::RefCell;

pub type Memory = VirtualMemory<DefaultMemoryImpl>;

pub const SETTINGS: MemoryId = MemoryId::new(0);
pub const BALANCES: MemoryId = MemoryId::new(1);
pub const ALLOWANCES: MemoryId = MemoryId::new(2);
pub const BLOCKS_INDEX: MemoryId = MemoryId::new(3);
pub const BLOCKS_DATA: MemoryId = MemoryId::new(4);
pub const DEDUP_BY_HASH: MemoryId = MemoryId::new(5);
pub const DEDUP_BY_TIME: MemoryId = MemoryId::new(6);
pub const TIP: MemoryId = MemoryId::new(7);
pub const ALLOWANCE_EXPIRY: MemoryId = MemoryId::new(8);

thread_local! {
    static MANAGER: RefCell<MemoryManager<DefaultMemoryImpl>> =
        RefCell::new(MemoryManager::init(DefaultMemoryImpl::default()));
}

pub fn get(id: MemoryId) -> Memory {
    MANAGER.with(|m| m.borrow().get(id))
}
