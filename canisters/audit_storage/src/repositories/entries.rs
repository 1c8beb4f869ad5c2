//! The entries in a `StableLog` (append only: the structure has no way to change or remove one) and
//! the index of entries by subject user.

use crate::memory::{self, Memory};
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::{StableBTreeMap, StableLog};
use icto_shared::audit::AuditEntry;
use std::cell::RefCell;

thread_local! {
    static LOG: RefCell<StableLog<Candid<AuditEntry>, Memory, Memory>> = RefCell::new(
        StableLog::init(memory::get(memory::LOG_INDEX), memory::get(memory::LOG_DATA))
    );
    static BY_SUBJECT: RefCell<StableBTreeMap<(Principal, u64), (), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::BY_SUBJECT)));
}

pub fn len() -> u64 {
    LOG.with(|l| l.borrow().len())
}

pub fn get(index: u64) -> Option<AuditEntry> {
    LOG.with(|l| l.borrow().get(index).map(|c| c.0))
}

pub fn last() -> Option<AuditEntry> {
    len().checked_sub(1).and_then(get)
}

/// Appends `entry` (its index must be `len()`) and indexes it under each subject.
pub fn append(entry: AuditEntry) {
    let index = entry.index;
    let subjects = entry.event.subjects.clone();
    LOG.with(|l| l.borrow_mut().append(&Candid(entry)).expect("stable memory can grow"));
    BY_SUBJECT.with(|b| {
        let mut b = b.borrow_mut();
        for s in subjects {
            b.insert((s, index), ());
        }
    });
}

/// Entries concerning `user`: (total, the indexes of the page), oldest first.
pub fn page_of_subject(user: Principal, offset: u64, limit: u64) -> (u64, Vec<u64>) {
    BY_SUBJECT.with(|b| {
        let b = b.borrow();
        let range = || b.range((user, 0)..=(user, u64::MAX));
        let total = range().count() as u64;
        (total, range().skip(offset as usize).take(limit as usize).map(|e| e.key().1).collect())
    })
}
