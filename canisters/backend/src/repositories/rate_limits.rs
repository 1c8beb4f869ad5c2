//! Fixed rate-limit windows: per user and one global, each (window start, deployments started in it).

use crate::memory::{self, Memory};
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static USERS: RefCell<StableBTreeMap<Principal, (u64, u32), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::USER_WINDOWS)));
    static GLOBAL: RefCell<StableBTreeMap<u8, (u64, u32), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::GLOBAL_WINDOW)));
}

pub fn user(user: &Principal) -> Option<(u64, u32)> {
    USERS.with(|u| u.borrow().get(user))
}

pub fn set_user(user: Principal, window: (u64, u32)) {
    USERS.with(|u| u.borrow_mut().insert(user, window));
}

pub fn global() -> Option<(u64, u32)> {
    GLOBAL.with(|g| g.borrow().get(&0))
}

pub fn set_global(window: (u64, u32)) {
    GLOBAL.with(|g| g.borrow_mut().insert(0, window));
}
