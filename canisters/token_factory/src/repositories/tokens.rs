//! Deployed tokens: records by canister id, a creator index keyed (creator, n-th token of that creator)
//! and a public index keyed by position. Both positions are dense, so a page is one O(log n) seek plus
//! its items. Indexes are written together with their record.

use crate::memory::{self, Memory};
use crate::models::candid_storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::factory::TokenRecord;
use std::cell::RefCell;

thread_local! {
    static TOKENS: RefCell<StableBTreeMap<Principal, Candid<TokenRecord>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::TOKENS)));
    static BY_CREATOR: RefCell<StableBTreeMap<(Principal, u64), Principal, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::TOKENS_BY_CREATOR)));
    static BY_SEQ: RefCell<StableBTreeMap<u64, Principal, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::TOKENS_BY_SEQ)));
    static CREATOR_COUNTS: RefCell<StableBTreeMap<Principal, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::CREATOR_COUNTS)));
}

pub fn insert_new(record: TokenRecord) {
    let (id, owner) = (record.canister_id, record.owner);
    let position = count();
    let creator_position = count_by_creator(&owner);
    TOKENS.with(|t| t.borrow_mut().insert(id, Candid(record)));
    BY_CREATOR.with(|m| m.borrow_mut().insert((owner, creator_position), id));
    BY_SEQ.with(|m| m.borrow_mut().insert(position, id));
    CREATOR_COUNTS.with(|m| m.borrow_mut().insert(owner, creator_position + 1));
}

/// Replaces a record whose owner and id stay the same (indexes unchanged).
pub fn update(record: TokenRecord) {
    TOKENS.with(|t| t.borrow_mut().insert(record.canister_id, Candid(record)));
}

pub fn get(id: &Principal) -> Option<TokenRecord> {
    TOKENS.with(|t| t.borrow().get(id).map(|c| c.0))
}

pub fn count() -> u64 {
    TOKENS.with(|t| t.borrow().len())
}

pub fn count_by_creator(creator: &Principal) -> u64 {
    CREATOR_COUNTS.with(|m| m.borrow().get(creator).unwrap_or(0))
}

/// A creator's tokens, oldest first.
pub fn page_by_creator(creator: Principal, offset: u64, limit: u64) -> Vec<TokenRecord> {
    let ids: Vec<Principal> = BY_CREATOR.with(|m| {
        m.borrow()
            .range((creator, offset)..=(creator, u64::MAX))
            .take(limit as usize)
            .map(|e| e.value())
            .collect()
    });
    ids.iter().filter_map(get).collect()
}

/// All tokens, oldest first.
pub fn page(offset: u64, limit: u64) -> Vec<TokenRecord> {
    let ids: Vec<Principal> =
        BY_SEQ.with(|m| m.borrow().range(offset..).take(limit as usize).map(|e| e.value()).collect());
    ids.iter().filter_map(get).collect()
}
