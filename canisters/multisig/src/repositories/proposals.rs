//! Proposals by id, with two indexes kept by `put` so that lists never scan: the open proposals
//! (id -> expires_at, at most `MAX_OPEN_PROPOSALS`) and the closed ones in the order they closed.
//! Dedup keys map SHA-256(proposer, key) to the proposal they created.

use crate::memory::{self, Memory};
use crate::models::proposals::Proposal;
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use sha2::{Digest, Sha256};
use std::cell::RefCell;

thread_local! {
    static PROPOSALS: RefCell<StableBTreeMap<u64, Candid<Proposal>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::PROPOSALS)));
    static OPEN: RefCell<StableBTreeMap<u64, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::OPEN_PROPOSALS)));
    static CLOSED: RefCell<StableBTreeMap<u64, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::CLOSED_PROPOSALS)));
    static DEDUP: RefCell<StableBTreeMap<[u8; 32], u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::DEDUP_KEYS)));
}

/// Ids are positions: the next proposal's id is the number stored.
pub fn count() -> u64 {
    PROPOSALS.with(|p| p.borrow().len())
}

pub fn get(id: u64) -> Option<Proposal> {
    PROPOSALS.with(|p| p.borrow().get(&id).map(|c| c.0))
}

/// Stores the proposal and moves it between the indexes as its status says (a closed one never reopens).
pub fn put(proposal: Proposal) {
    let id = proposal.id;
    if proposal.is_open() {
        OPEN.with(|o| o.borrow_mut().insert(id, proposal.expires_at));
    } else if OPEN.with(|o| o.borrow_mut().remove(&id)).is_some() {
        CLOSED.with(|c| {
            let mut c = c.borrow_mut();
            let position = c.len();
            c.insert(position, id);
        });
    }
    PROPOSALS.with(|p| p.borrow_mut().insert(id, Candid(proposal)));
}

pub fn open_count() -> u64 {
    OPEN.with(|o| o.borrow().len())
}

pub fn closed_count() -> u64 {
    CLOSED.with(|c| c.borrow().len())
}

/// Open proposals whose expiry is at or before `now` (a walk of the open index only).
pub fn open_expired_by(now: u64) -> Vec<u64> {
    OPEN.with(|o| o.borrow().iter().filter(|e| e.value() <= now).map(|e| *e.key()).collect())
}

pub fn open_ids() -> Vec<u64> {
    OPEN.with(|o| o.borrow().keys().collect())
}

/// Ids newest first, from the `offset`-th newest: all proposals (ids are positions).
pub fn newest_ids(offset: u64, limit: u64) -> Vec<u64> {
    let total = count();
    (0..total.saturating_sub(offset)).rev().take(limit as usize).collect()
}

/// Open ids, newest first (the index holds at most `MAX_OPEN_PROPOSALS`).
pub fn newest_open_ids(offset: u64, limit: u64) -> Vec<u64> {
    OPEN.with(|o| o.borrow().keys().rev().skip(offset.min(usize::MAX as u64) as usize).take(limit as usize).collect())
}

/// Closed ids, most recently closed first, from the `offset`-th (a seek by position).
pub fn newest_closed_ids(offset: u64, limit: u64) -> Vec<u64> {
    let total = closed_count();
    let Some(last) = total.checked_sub(offset.saturating_add(1)) else { return vec![] };
    CLOSED.with(|c| c.borrow().range(..=last).rev().take(limit as usize).map(|e| e.value()).collect())
}

fn dedup_hash(proposer: &Principal, key: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update([proposer.as_slice().len() as u8]);
    h.update(proposer.as_slice());
    h.update(key.as_bytes());
    h.finalize().into()
}

pub fn dedup_get(proposer: &Principal, key: &str) -> Option<u64> {
    DEDUP.with(|d| d.borrow().get(&dedup_hash(proposer, key)))
}

pub fn dedup_put(proposer: &Principal, key: &str, id: u64) {
    DEDUP.with(|d| d.borrow_mut().insert(dedup_hash(proposer, key), id));
}
