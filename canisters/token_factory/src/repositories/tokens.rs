//! Deployed tokens: records by canister id, the public list by position (dense, so a page is one
//! O(log n) seek), owners in the kit's role index, and each token's code changes. A record and its
//! indexes are written together.

use crate::memory::{self, Memory};
use canister_kit::deploy::DeployHistory;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::role_index::RoleIndex;
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::role::Role;
use icto_shared::template::DeployRecord;
use icto_shared::token_factory::TokenRecord;
use std::cell::RefCell;

thread_local! {
    static TOKENS: RefCell<StableBTreeMap<Principal, Candid<TokenRecord>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::TOKENS)));
    static BY_SEQ: RefCell<StableBTreeMap<u64, Principal, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::TOKENS_BY_SEQ)));
    static ROLES: RefCell<RoleIndex> = RefCell::new(RoleIndex::init(
        memory::get(memory::ROLE_ENTRIES),
        memory::get(memory::ROLE_POSITIONS),
        memory::get(memory::ROLE_COUNTS),
    ));
    static HISTORY: RefCell<DeployHistory> = RefCell::new(DeployHistory::init(memory::get(memory::DEPLOY_HISTORY)));
}

/// A new token with its first code change (the install).
pub fn insert_new(record: TokenRecord, installed: Option<DeployRecord>) {
    let (id, owner) = (record.canister_id, record.owner);
    let position = count();
    TOKENS.with(|t| t.borrow_mut().insert(id, Candid(record)));
    BY_SEQ.with(|m| m.borrow_mut().insert(position, id));
    ROLES.with(|r| r.borrow_mut().insert(owner, Role::Owner, id));
    if let Some(change) = installed {
        record_change(id, change);
    }
}

/// Replaces a record whose owner and id stay the same (indexes unchanged).
pub fn update(record: TokenRecord) {
    TOKENS.with(|t| t.borrow_mut().insert(record.canister_id, Candid(record)));
}

pub fn record_change(id: Principal, change: DeployRecord) {
    HISTORY.with(|h| h.borrow_mut().record(id, change));
}

pub fn with_history<R>(f: impl FnOnce(&DeployHistory) -> R) -> R {
    HISTORY.with(|h| f(&h.borrow()))
}

pub fn get(id: &Principal) -> Option<TokenRecord> {
    TOKENS.with(|t| t.borrow().get(id).map(|c| c.0))
}

pub fn count() -> u64 {
    TOKENS.with(|t| t.borrow().len())
}

/// An owner's tokens, oldest first.
pub fn page_by_owner(owner: Principal, request: PageRequest) -> Page<TokenRecord> {
    let ids = ROLES.with(|r| r.borrow().page(owner, Role::Owner, request));
    Page { items: ids.items.iter().filter_map(get).collect(), total: ids.total }
}

/// All tokens, oldest first.
pub fn page(request: PageRequest) -> Page<TokenRecord> {
    let ids: Vec<Principal> = BY_SEQ.with(|m| {
        m.borrow().range(request.offset..).take(request.capped_limit() as usize).map(|e| e.value()).collect()
    });
    Page { items: ids.iter().filter_map(get).collect(), total: count() }
}

/// The ids at positions `[start, start + n)` of the public list (one seek): the cycles watch's batch.
pub fn ids_from(start: u64, n: u64) -> Vec<Principal> {
    BY_SEQ.with(|m| m.borrow().range(start..start.saturating_add(n)).map(|e| e.value()).collect())
}

/// Every token id in creation order (for moving the first layout's indexes).
pub fn ids_in_order() -> Vec<Principal> {
    BY_SEQ.with(|m| m.borrow().iter().map(|e| e.value()).collect())
}

/// A relationship a token reported (owners are indexed on creation).
pub fn add_role(user: Principal, role: Role, id: Principal) {
    ROLES.with(|r| r.borrow_mut().insert(user, role, id));
}

pub fn remove_role(user: Principal, role: Role, id: Principal) {
    ROLES.with(|r| r.borrow_mut().remove(user, role, id));
}

pub fn add_owner(owner: Principal, id: Principal) {
    ROLES.with(|r| r.borrow_mut().insert(owner, Role::Owner, id));
}

/// Writes a record and its public position only, as the first layout did (host tests of the migration).
#[cfg(test)]
pub fn insert_first_layout(record: TokenRecord) {
    let id = record.canister_id;
    let position = count();
    TOKENS.with(|t| t.borrow_mut().insert(id, Candid(record)));
    BY_SEQ.with(|m| m.borrow_mut().insert(position, id));
}
