//! The registry: who relates to which contract, across factories. Users are interned to a u32 (their
//! principal is stored once); a relationship is one key (user id, contract type, role, contract) of at
//! most 35 bytes with an empty value in a B-tree, so a user's relationships are one range scan and the
//! cost of a lookup grows with the tree's depth only (log n).

use crate::memory::{self, Memory};
use candid::Principal;
use ic_stable_structures::storable::{Bound, Storable};
use ic_stable_structures::StableBTreeMap;
use icto_shared::contract::ContractType;
use icto_shared::role::Role;
use std::borrow::Cow;
use std::cell::RefCell;

/// `user id (4, big-endian) | type (1) | role (1) | contract principal (<= 29)`: ordered by user, then
/// type, then role.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RelationshipKey(Vec<u8>);

impl RelationshipKey {
    pub const MAX_BYTES: u32 = 4 + 1 + 1 + 29;

    pub fn new(user: u32, t: ContractType, role: Role, contract: Principal) -> RelationshipKey {
        let mut bytes = Vec::with_capacity(6 + contract.as_slice().len());
        bytes.extend_from_slice(&user.to_be_bytes());
        bytes.push(t.code());
        bytes.push(role.code());
        bytes.extend_from_slice(contract.as_slice());
        RelationshipKey(bytes)
    }

    /// The first key of `user` (no key of a smaller user id sorts after it).
    fn user_start(user: u32) -> RelationshipKey {
        RelationshipKey(user.to_be_bytes().to_vec())
    }

    pub fn parts(&self) -> Option<(ContractType, Role, Principal)> {
        let b = &self.0;
        Some((ContractType::from_code(*b.get(4)?)?, Role::from_code(*b.get(5)?)?, Principal::try_from_slice(&b[6..]).ok()?))
    }
}

impl Storable for RelationshipKey {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.0)
    }
    fn into_bytes(self) -> Vec<u8> {
        self.0
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        RelationshipKey(bytes.into_owned())
    }
    const BOUND: Bound = Bound::Bounded { max_size: RelationshipKey::MAX_BYTES, is_fixed_size: false };
}

thread_local! {
    static USER_IDS: RefCell<StableBTreeMap<Principal, u32, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::REGISTRY_USER_IDS)));
    static RELATIONSHIPS: RefCell<StableBTreeMap<RelationshipKey, (), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::REGISTRY_RELATIONSHIPS)));
    static USER_COUNTS: RefCell<StableBTreeMap<u32, u32, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::REGISTRY_USER_COUNTS)));
}

pub fn user_id(user: &Principal) -> Option<u32> {
    USER_IDS.with(|u| u.borrow().get(user))
}

/// The user's id, interned on first use (ids are never reused: users are never removed).
pub fn intern(user: Principal) -> u32 {
    USER_IDS.with(|u| {
        let mut u = u.borrow_mut();
        if let Some(id) = u.get(&user) {
            return id;
        }
        let id = u.len() as u32;
        u.insert(user, id);
        id
    })
}

pub fn count(user_id: u32) -> u32 {
    USER_COUNTS.with(|c| c.borrow().get(&user_id).unwrap_or(0))
}

/// Adds the relationship; false when it was there already.
pub fn insert(user_id: u32, t: ContractType, role: Role, contract: Principal) -> bool {
    let added = RELATIONSHIPS.with(|r| r.borrow_mut().insert(RelationshipKey::new(user_id, t, role, contract), ()).is_none());
    if added {
        USER_COUNTS.with(|c| {
            let mut c = c.borrow_mut();
            let n = c.get(&user_id).unwrap_or(0);
            c.insert(user_id, n + 1);
        });
    }
    added
}

/// Removes the relationship; false when it was not there.
pub fn remove(user_id: u32, t: ContractType, role: Role, contract: Principal) -> bool {
    let removed = RELATIONSHIPS.with(|r| r.borrow_mut().remove(&RelationshipKey::new(user_id, t, role, contract)).is_some());
    if removed {
        USER_COUNTS.with(|c| {
            let mut c = c.borrow_mut();
            let n = c.get(&user_id).unwrap_or(1);
            c.insert(user_id, n.saturating_sub(1));
        });
    }
    removed
}

/// Every relationship of the user, ordered by type, role, contract.
pub fn of_user(user_id: u32) -> Vec<(ContractType, Role, Principal)> {
    RELATIONSHIPS.with(|r| {
        let r = r.borrow();
        let range = match user_id.checked_add(1) {
            Some(next) => r.range(RelationshipKey::user_start(user_id)..RelationshipKey::user_start(next)),
            None => r.range(RelationshipKey::user_start(user_id)..),
        };
        range.filter_map(|e| e.key().parts()).collect()
    })
}

pub fn total() -> u64 {
    RELATIONSHIPS.with(|r| r.borrow().len())
}
