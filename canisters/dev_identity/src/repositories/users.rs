//! Registered test user names (shown on the page), with the time each was registered (ns).
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

use crate::memory::{self, Memory};

thread_local! {
    static USERS: RefCell<StableBTreeMap<String, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::USERS)));
}

pub fn all() -> Vec<String> {
    USERS.with(|u| u.borrow().keys().collect())
}

pub fn count() -> u64 {
    USERS.with(|u| u.borrow().len())
}

pub fn contains(name: &str) -> bool {
    USERS.with(|u| u.borrow().contains_key(&name.to_string()))
}

pub fn insert(name: &str, now: u64) {
    USERS.with(|u| u.borrow_mut().insert(name.to_string(), now));
}
