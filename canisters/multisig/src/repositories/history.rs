//! The wallet's history by sequence number (append only), read newest first by a seek.

use crate::memory::{self, Memory};
use canister_kit::storable::Candid;
use ic_stable_structures::StableBTreeMap;
use icto_shared::multisig::HistoryEntry;
use std::cell::RefCell;

thread_local! {
    static HISTORY: RefCell<StableBTreeMap<u64, Candid<HistoryEntry>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::HISTORY)));
}

pub fn count() -> u64 {
    HISTORY.with(|h| h.borrow().len())
}

pub fn append(mut entry: HistoryEntry) {
    HISTORY.with(|h| {
        let mut h = h.borrow_mut();
        entry.seq = h.len();
        h.insert(entry.seq, Candid(entry));
    });
}

/// Newest first, from the `offset`-th newest.
pub fn newest(offset: u64, limit: u64) -> Vec<HistoryEntry> {
    let Some(last) = count().checked_sub(offset.saturating_add(1)) else { return vec![] };
    HISTORY.with(|h| h.borrow().range(..=last).rev().take(limit as usize).map(|e| e.value().0).collect())
}
