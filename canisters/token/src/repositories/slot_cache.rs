//! Heap cache of account -> balance slot. A slot never changes once given, so the cache can never be
//! stale; it saves the stable B-tree walk (~25k instructions) per account.
//!
//! Filled from stable memory at init and after every upgrade, so while the ledger has at most
//! `MAX_ENTRIES` accounts the cache is *complete*: a miss then proves the account has no slot, and a
//! transfer to a new account skips the stable walk too. Past that size it becomes a plain bounded cache.
//!
//! An ordered map rather than a hash map: account keys are chosen by callers (any subaccount), and a
//! fast unkeyed hash would let them build colliding keys that make every lookup linear. Comparisons of
//! fixed-size keys in the heap keep the worst case logarithmic.

use crate::models::account_key::AccountKey;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// About 6 MB of heap at most.
pub const MAX_ENTRIES: usize = 65_536;

thread_local! {
    static CACHE: RefCell<BTreeMap<AccountKey, u64>> = const { RefCell::new(BTreeMap::new()) };
    /// Every stored account is in `CACHE`.
    static COMPLETE: Cell<bool> = const { Cell::new(false) };
}

/// What the cache knows about an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Slot(u64),
    /// The cache is complete: the account has no slot.
    Absent,
    /// Ask stable memory.
    Unknown,
}

pub fn lookup(key: &AccountKey) -> Lookup {
    match CACHE.with(|c| c.borrow().get(key).copied()) {
        Some(slot) => Lookup::Slot(slot),
        None if COMPLETE.get() => Lookup::Absent,
        None => Lookup::Unknown,
    }
}

pub fn remember(key: AccountKey, slot: u64) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_ENTRIES && !c.contains_key(&key) {
            c.clear();
            COMPLETE.set(false);
        }
        c.insert(key, slot);
    });
}

/// Loads every stored account when they fit (then the cache is complete); otherwise leaves it empty.
pub fn fill(account_count: u64, all: impl Iterator<Item = (AccountKey, u64)>) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.clear();
        let fits = account_count <= MAX_ENTRIES as u64;
        if fits {
            c.extend(all);
        }
        COMPLETE.set(fits);
    });
}

#[cfg(test)]
pub fn len() -> usize {
    CACHE.with(|c| c.borrow().len())
}

#[cfg(test)]
pub fn is_complete() -> bool {
    COMPLETE.get()
}
