//! Transactions with `created_at_time` inside the deduplication window: hash -> block index, plus a
//! (created_at_time, hash) index to drop them once they are too old to be resubmitted.

use crate::memory::{self, Memory};
use crate::models::hash32::Hash32;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static BY_HASH: RefCell<StableBTreeMap<Hash32, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::DEDUP_BY_HASH)));
    static BY_TIME: RefCell<StableBTreeMap<(u64, Hash32), (), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::DEDUP_BY_TIME)));
}

pub fn find(tx_hash: &[u8; 32]) -> Option<u64> {
    BY_HASH.with(|m| m.borrow().get(&Hash32(*tx_hash)))
}

pub fn insert(tx_hash: [u8; 32], created_at_time: u64, block_index: u64) {
    BY_HASH.with(|m| m.borrow_mut().insert(Hash32(tx_hash), block_index));
    BY_TIME.with(|m| m.borrow_mut().insert((created_at_time, Hash32(tx_hash)), ()));
}

pub fn len() -> u64 {
    BY_HASH.with(|m| m.borrow().len())
}

/// Forgets up to `max` transactions created before `cutoff` (they can no longer be resubmitted).
pub fn prune_before(cutoff: u64, max: usize) -> usize {
    let old: Vec<(u64, Hash32)> = BY_TIME.with(|m| {
        m.borrow().iter().take_while(|e| e.key().0 < cutoff).take(max).map(|e| *e.key()).collect()
    });
    for key in &old {
        BY_TIME.with(|m| m.borrow_mut().remove(key));
        BY_HASH.with(|m| m.borrow_mut().remove(&key.1));
    }
    old.len()
}
