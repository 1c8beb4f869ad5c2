//! Allowances keyed by (owner, spender), with an expiry index so expired ones can be pruned in bounded steps.

use crate::memory::{self, Memory};
use crate::models::allowance::{AllowanceKey, StoredAllowance};
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static ALLOWANCES: RefCell<StableBTreeMap<AllowanceKey, StoredAllowance, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::ALLOWANCES)));
    static EXPIRY: RefCell<StableBTreeMap<(u64, AllowanceKey), (), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::ALLOWANCE_EXPIRY)));
}

/// The allowance as stored, including an expired one (callers decide what expiry means).
pub fn get(key: &AllowanceKey) -> Option<StoredAllowance> {
    ALLOWANCES.with(|a| a.borrow().get(key))
}

/// Stores `allowance` (a zero amount removes it) and keeps the expiry index in step.
pub fn set(key: AllowanceKey, allowance: StoredAllowance) {
    let old = ALLOWANCES.with(|a| {
        let mut a = a.borrow_mut();
        if allowance.amount == 0 {
            a.remove(&key)
        } else {
            a.insert(key, allowance)
        }
    });
    EXPIRY.with(|e| {
        let mut e = e.borrow_mut();
        if let Some(t) = old.and_then(|o| o.expires_at) {
            e.remove(&(t, key));
        }
        if let (Some(t), true) = (allowance.expires_at, allowance.amount > 0) {
            e.insert((t, key), ());
        }
    });
}

/// Removes up to `max` allowances that expired at or before `now`.
pub fn prune_expired(now: u64, max: usize) -> usize {
    let expired: Vec<(u64, AllowanceKey)> = EXPIRY.with(|e| {
        e.borrow().iter().take_while(|entry| entry.key().0 <= now).take(max).map(|entry| *entry.key()).collect()
    });
    for (t, key) in &expired {
        EXPIRY.with(|e| e.borrow_mut().remove(&(*t, *key)));
        ALLOWANCES.with(|a| a.borrow_mut().remove(key));
    }
    expired.len()
}

pub fn len() -> u64 {
    ALLOWANCES.with(|a| a.borrow().len())
}
