//! A factory's deployed contracts: records by canister id, the public list by position (dense, so a page
//! is one O(log n) seek), the role index (creators as `Owner`, then what the contracts report) and each
//! contract's code changes. A record and its indexes are written together.
//!
//! The canister keeps the store in a `thread_local` and names it with a `Contracts` handle; its
//! `memory.rs` gives the six memories (`ContractMemories`). The stored layout is the one the factories
//! had before this module: `Principal -> Candid<R>`, `u64 -> Principal`, the kit's `RoleIndex` and
//! `DeployHistory`.
//!
//! ```ignore
//! thread_local! {
//!     static STORE: RefCell<ContractRecords<WalletRecord>> = RefCell::new(ContractRecords::init(MEMORIES));
//! }
//! pub static WALLETS: Contracts<WalletRecord> = Contracts::new(&STORE);
//! // WALLETS.get(&id), WALLETS.page(request), WALLETS.add_role(user, role, id), ...
//! ```

use crate::deploy::DeployHistory;
use crate::memory::{self, Memory};
use crate::pagination::{Page, PageRequest};
use crate::role_index::RoleIndex;
use crate::storable::Candid;
use candid::{CandidType, Principal};
use ic_stable_structures::memory_manager::MemoryId;
use ic_stable_structures::StableBTreeMap;
use icto_shared::role::Role;
use icto_shared::template::DeployRecord;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::thread::LocalKey;

/// Where a `ContractRecords` lives: ids from the canister's `memory.rs` (never renumbered).
pub struct ContractMemories {
    /// Records by canister id.
    pub records: MemoryId,
    /// Position -> canister id, in creation order.
    pub by_position: MemoryId,
    /// The role index: entries, positions, counts.
    pub role_entries: MemoryId,
    pub role_positions: MemoryId,
    pub role_counts: MemoryId,
    /// Each contract's code changes.
    pub history: MemoryId,
}

pub struct ContractRecords<R: CandidType + DeserializeOwned> {
    records: StableBTreeMap<Principal, Candid<R>, Memory>,
    by_position: StableBTreeMap<u64, Principal, Memory>,
    roles: RoleIndex,
    history: DeployHistory,
}

impl<R: CandidType + DeserializeOwned> ContractRecords<R> {
    pub fn init(m: ContractMemories) -> Self {
        ContractRecords {
            records: StableBTreeMap::init(memory::get(m.records)),
            by_position: StableBTreeMap::init(memory::get(m.by_position)),
            roles: RoleIndex::init(memory::get(m.role_entries), memory::get(m.role_positions), memory::get(m.role_counts)),
            history: DeployHistory::init(memory::get(m.history)),
        }
    }
}

/// A factory's handle on its `ContractRecords` in a `thread_local`: each method borrows it for the call.
pub struct Contracts<R: CandidType + DeserializeOwned + 'static>(&'static LocalKey<RefCell<ContractRecords<R>>>);

impl<R: CandidType + DeserializeOwned + 'static> Contracts<R> {
    pub const fn new(store: &'static LocalKey<RefCell<ContractRecords<R>>>) -> Self {
        Contracts(store)
    }

    fn read<T>(&self, f: impl FnOnce(&ContractRecords<R>) -> T) -> T {
        self.0.with(|s| f(&s.borrow()))
    }

    fn write<T>(&self, f: impl FnOnce(&mut ContractRecords<R>) -> T) -> T {
        self.0.with(|s| f(&mut s.borrow_mut()))
    }

    /// A new contract at the end of the public list, its creator indexed as `Owner`, with its first code
    /// change (the install) when there is one.
    pub fn insert_new(&self, id: Principal, creator: Principal, record: R, installed: Option<DeployRecord>) {
        self.insert_listed(id, record);
        self.write(|s| s.roles.insert(creator, Role::Owner, id));
        if let Some(change) = installed {
            self.record_change(id, change);
        }
    }

    /// The record and its public position only (no role, no history).
    pub fn insert_listed(&self, id: Principal, record: R) {
        let position = self.count();
        self.write(|s| {
            s.records.insert(id, Candid(record));
            s.by_position.insert(position, id);
        });
    }

    /// Replaces the record of a contract already listed (indexes unchanged).
    pub fn update(&self, id: Principal, record: R) {
        self.write(|s| s.records.insert(id, Candid(record)));
    }

    pub fn record_change(&self, id: Principal, change: DeployRecord) {
        self.write(|s| s.history.record(id, change));
    }

    pub fn with_history<T>(&self, f: impl FnOnce(&DeployHistory) -> T) -> T {
        self.read(|s| f(&s.history))
    }

    pub fn get(&self, id: &Principal) -> Option<R> {
        self.read(|s| s.records.get(id).map(|c| c.0))
    }

    pub fn contains(&self, id: &Principal) -> bool {
        self.read(|s| s.records.contains_key(id))
    }

    pub fn count(&self) -> u64 {
        self.read(|s| s.records.len())
    }

    /// A user's contracts in `role`, in the order they were indexed.
    pub fn page_by_role(&self, user: Principal, role: Role, request: PageRequest) -> Page<R> {
        let ids = self.read(|s| s.roles.page(user, role, request));
        Page { items: ids.items.iter().filter_map(|id| self.get(id)).collect(), total: ids.total }
    }

    /// All contracts, oldest first.
    pub fn page(&self, request: PageRequest) -> Page<R> {
        let ids = self.ids_from(request.offset, request.capped_limit());
        Page { items: ids.iter().filter_map(|id| self.get(id)).collect(), total: self.count() }
    }

    /// The ids at positions `[start, start + n)` of the public list (one seek).
    pub fn ids_from(&self, start: u64, n: u64) -> Vec<Principal> {
        self.read(|s| s.by_position.range(start..start.saturating_add(n)).map(|e| e.value()).collect())
    }

    /// A relationship a contract reported; true when the index changed.
    pub fn add_role(&self, user: Principal, role: Role, id: Principal) -> bool {
        self.write(|s| s.roles.insert(user, role, id))
    }

    /// True when the relationship was there.
    pub fn remove_role(&self, user: Principal, role: Role, id: Principal) -> bool {
        self.write(|s| s.roles.remove(user, role, id))
    }
}
