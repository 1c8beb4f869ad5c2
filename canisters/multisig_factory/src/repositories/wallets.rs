//! Deployed wallets: records by canister id, the public list by position (dense, so a page is one
//! O(log n) seek), creators, signers and observers in the kit's role index, and each wallet's code
//! changes. A record and its indexes are written together.

use crate::memory::{self, Memory};
use canister_kit::deploy::DeployHistory;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::role_index::RoleIndex;
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::multisig_factory::WalletRecord;
use icto_shared::role::Role;
use icto_shared::template::DeployRecord;
use std::cell::RefCell;

thread_local! {
    static WALLETS: RefCell<StableBTreeMap<Principal, Candid<WalletRecord>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::WALLETS)));
    static BY_SEQ: RefCell<StableBTreeMap<u64, Principal, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::WALLETS_BY_SEQ)));
    static ROLES: RefCell<RoleIndex> = RefCell::new(RoleIndex::init(
        memory::get(memory::ROLE_ENTRIES),
        memory::get(memory::ROLE_POSITIONS),
        memory::get(memory::ROLE_COUNTS),
    ));
    static HISTORY: RefCell<DeployHistory> = RefCell::new(DeployHistory::init(memory::get(memory::DEPLOY_HISTORY)));
}

/// A new wallet with its first code change (the install); its creator is indexed as `Owner`.
pub fn insert_new(record: WalletRecord, installed: DeployRecord) {
    let (id, creator) = (record.canister_id, record.creator);
    let position = count();
    WALLETS.with(|t| t.borrow_mut().insert(id, Candid(record)));
    BY_SEQ.with(|m| m.borrow_mut().insert(position, id));
    ROLES.with(|r| r.borrow_mut().insert(creator, Role::Owner, id));
    record_change(id, installed);
}

/// Replaces a record whose creator and id stay the same (indexes unchanged).
pub fn update(record: WalletRecord) {
    WALLETS.with(|t| t.borrow_mut().insert(record.canister_id, Candid(record)));
}

pub fn record_change(id: Principal, change: DeployRecord) {
    HISTORY.with(|h| h.borrow_mut().record(id, change));
}

pub fn with_history<R>(f: impl FnOnce(&DeployHistory) -> R) -> R {
    HISTORY.with(|h| f(&h.borrow()))
}

pub fn get(id: &Principal) -> Option<WalletRecord> {
    WALLETS.with(|t| t.borrow().get(id).map(|c| c.0))
}

pub fn contains(id: &Principal) -> bool {
    WALLETS.with(|t| t.borrow().contains_key(id))
}

pub fn count() -> u64 {
    WALLETS.with(|t| t.borrow().len())
}

/// A user's wallets in `role` (creator: `Owner`, `Signer`, `Observer`), in the order they were indexed.
pub fn page_by_role(user: Principal, role: Role, request: PageRequest) -> Page<WalletRecord> {
    let ids = ROLES.with(|r| r.borrow().page(user, role, request));
    Page { items: ids.items.iter().filter_map(get).collect(), total: ids.total }
}

/// All wallets, oldest first.
pub fn page(request: PageRequest) -> Page<WalletRecord> {
    let ids: Vec<Principal> = BY_SEQ.with(|m| {
        m.borrow().range(request.offset..).take(request.capped_limit() as usize).map(|e| e.value()).collect()
    });
    Page { items: ids.iter().filter_map(get).collect(), total: count() }
}

/// A relationship a wallet reported; true when the index changed.
pub fn add_role(user: Principal, role: Role, id: Principal) -> bool {
    ROLES.with(|r| r.borrow_mut().insert(user, role, id))
}

/// True when the relationship was there.
pub fn remove_role(user: Principal, role: Role, id: Principal) -> bool {
    ROLES.with(|r| r.borrow_mut().remove(user, role, id))
}
