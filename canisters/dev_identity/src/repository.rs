//! Stable storage: the seed and the registered user names.
use ic_stable_structures::{StableBTreeMap, StableCell};
use std::cell::RefCell;

use crate::memory::{self, Memory};

thread_local! {
    static SEED: RefCell<StableCell<[u8; 32], Memory>> =
        RefCell::new(StableCell::init(memory::get(memory::SEED), [0u8; 32]));
    /// user name -> time it was registered (ns).
    static USERS: RefCell<StableBTreeMap<String, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::USERS)));
}

pub fn seed() -> [u8; 32] {
    SEED.with(|s| *s.borrow().get())
}

pub fn set_seed(seed: [u8; 32]) {
    SEED.with(|s| s.borrow_mut().set(seed));
}

pub fn users() -> Vec<String> {
    USERS.with(|u| u.borrow().keys().collect())
}

pub fn user_count() -> u64 {
    USERS.with(|u| u.borrow().len())
}

pub fn has_user(name: &str) -> bool {
    USERS.with(|u| u.borrow().contains_key(&name.to_string()))
}

pub fn add_user(name: &str, now: u64) {
    USERS.with(|u| u.borrow_mut().insert(name.to_string(), now));
}
