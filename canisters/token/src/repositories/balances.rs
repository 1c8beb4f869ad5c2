//! Balances keyed by the fixed-size account key; a zero balance is not stored.

use crate::memory::{self, Memory};
use crate::models::account_key::AccountKey;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static BALANCES: RefCell<StableBTreeMap<AccountKey, u128, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::BALANCES)));
}

pub fn get(key: &AccountKey) -> u128 {
    BALANCES.with(|b| b.borrow().get(key).unwrap_or(0))
}

pub fn set(key: AccountKey, balance: u128) {
    BALANCES.with(|b| {
        let mut b = b.borrow_mut();
        if balance == 0 {
            b.remove(&key);
        } else {
            b.insert(key, balance);
        }
    });
}

pub fn len() -> u64 {
    BALANCES.with(|b| b.borrow().len())
}

/// Accounts with their balances in key order, from `start` on (for audits and tests).
pub fn page(start: Option<AccountKey>, limit: usize) -> Vec<(AccountKey, u128)> {
    BALANCES.with(|b| {
        let b = b.borrow();
        let iter: Box<dyn Iterator<Item = _>> = match start {
            Some(k) => Box::new(b.range(k..)),
            None => Box::new(b.iter()),
        };
        iter.take(limit).map(|e| (*e.key(), e.value())).collect()
    })
}
