//! Claims by sequence number.

use crate::memory::{self, Memory};
use crate::models::claims::Claim;
use canister_kit::storable::Candid;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static CLAIMS: RefCell<StableBTreeMap<u64, Candid<Claim>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::CLAIMS)));
}

pub fn put(claim: Claim) {
    CLAIMS.with(|c| c.borrow_mut().insert(claim.seq, Candid(claim)));
}

pub fn get(seq: u64) -> Option<Claim> {
    CLAIMS.with(|c| c.borrow().get(&seq).map(|c| c.0))
}

pub fn count() -> u64 {
    CLAIMS.with(|c| c.borrow().len())
}

pub fn page(offset: u64, limit: u64) -> Vec<Claim> {
    CLAIMS.with(|c| c.borrow().range(offset..).take(limit as usize).map(|e| e.value().0).collect())
}
