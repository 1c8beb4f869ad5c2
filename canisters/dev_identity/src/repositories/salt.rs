//! The random salt every user's seed derives from: drawn once from the management canister's `raw_rand`,
//! kept in stable memory so principals survive upgrades. Empty until drawn.
use ic_stable_structures::StableCell;
use std::cell::RefCell;

use crate::memory::{self, Memory};

thread_local! {
    static SALT: RefCell<StableCell<Vec<u8>, Memory>> =
        RefCell::new(StableCell::init(memory::get(memory::SALT), Vec::new()));
}

pub fn get() -> Option<[u8; 32]> {
    SALT.with(|s| <[u8; 32]>::try_from(s.borrow().get().as_slice()).ok())
}

pub fn set(salt: [u8; 32]) {
    SALT.with(|s| {
        s.borrow_mut().set(salt.to_vec());
    });
}
