//! Recipient rows by position, and the index by (owner, subaccount, category).

use crate::memory::{self, Memory};
use crate::models::recipients::{AccountKey, Recipient};
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static ROWS: RefCell<StableBTreeMap<u64, Recipient, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::RECIPIENTS)));
    static BY_ACCOUNT: RefCell<StableBTreeMap<AccountKey, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::RECIPIENTS_BY_ACCOUNT)));
}

pub fn count() -> u64 {
    ROWS.with(|r| r.borrow().len())
}

/// Appends a row (the caller checked that its key is new) and returns its position.
pub fn push(recipient: Recipient) -> u64 {
    let row = count();
    BY_ACCOUNT.with(|i| i.borrow_mut().insert(recipient.key(), row));
    ROWS.with(|r| r.borrow_mut().insert(row, recipient));
    row
}

pub fn get(row: u64) -> Option<Recipient> {
    ROWS.with(|r| r.borrow().get(&row))
}

/// Replaces a row (its key fields must not change).
pub fn set(row: u64, recipient: Recipient) {
    ROWS.with(|r| r.borrow_mut().insert(row, recipient));
}

pub fn contains(key: &AccountKey) -> bool {
    BY_ACCOUNT.with(|i| i.borrow().contains_key(key))
}

/// The positions of `owner`'s rows, in (subaccount, category) order: a range of the index.
pub fn rows_of(owner: candid::Principal) -> Vec<u64> {
    BY_ACCOUNT.with(|i| i.borrow().range(AccountKey::owner_range(owner)).map(|e| e.value()).collect())
}

/// Rows from position `offset`, at most `limit`, by a seek.
pub fn page(offset: u64, limit: u64) -> Vec<Recipient> {
    ROWS.with(|r| r.borrow().range(offset..).take(limit as usize).map(|e| e.value()).collect())
}

/// Visits every row in order (cancel sums what has vested).
pub fn for_each(mut f: impl FnMut(&Recipient)) {
    ROWS.with(|r| r.borrow().iter().for_each(|e| f(&e.value())));
}
