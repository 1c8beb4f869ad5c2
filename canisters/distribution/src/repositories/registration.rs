//! Self-registration's whitelist.

use crate::memory::{self, Memory};
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static WHITELIST: RefCell<StableBTreeMap<Principal, (), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::WHITELIST)));
}

/// Adds the principals not yet listed; returns how many are listed now.
pub fn add(principals: impl IntoIterator<Item = Principal>) -> u64 {
    WHITELIST.with(|w| {
        let mut w = w.borrow_mut();
        for p in principals {
            w.insert(p, ());
        }
        w.len()
    })
}

pub fn contains(p: &Principal) -> bool {
    WHITELIST.with(|w| w.borrow().contains_key(p))
}

pub fn count() -> u64 {
    WHITELIST.with(|w| w.borrow().len())
}
