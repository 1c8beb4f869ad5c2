//! Members (signers and observers) by principal, with a heap copy of the whole map (at most 150 members)
//! so access checks and vote counts decode nothing: filled from stable memory on first use after an
//! install or upgrade, and written through.

use crate::memory::{self, Memory};
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::multisig::{Member, MemberRole};
use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    static MEMBERS: RefCell<StableBTreeMap<Principal, Candid<Member>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::MEMBERS)));
    static CACHE: RefCell<Option<BTreeMap<Principal, Member>>> = const { RefCell::new(None) };
}

fn with_cache<R>(f: impl FnOnce(&mut BTreeMap<Principal, Member>) -> R) -> R {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let cache = c.get_or_insert_with(|| MEMBERS.with(|m| m.borrow().iter().map(|e| (*e.key(), e.value().0)).collect()));
        f(cache)
    })
}

pub fn get(who: &Principal) -> Option<Member> {
    with_cache(|c| c.get(who).cloned())
}

pub fn role_of(who: &Principal) -> Option<MemberRole> {
    with_cache(|c| c.get(who).map(|m| m.role))
}

pub fn is_signer(who: &Principal) -> bool {
    role_of(who) == Some(MemberRole::Signer)
}

pub fn insert(member: Member) {
    with_cache(|c| c.insert(member.principal, member.clone()));
    MEMBERS.with(|m| m.borrow_mut().insert(member.principal, Candid(member)));
}

pub fn remove(who: &Principal) -> Option<Member> {
    with_cache(|c| c.remove(who));
    MEMBERS.with(|m| m.borrow_mut().remove(who).map(|c| c.0))
}

/// Every member (at most `MAX_SIGNERS + MAX_OBSERVERS`), signers first, each group by principal.
pub fn all() -> Vec<Member> {
    let mut all: Vec<Member> = with_cache(|c| c.values().cloned().collect());
    all.sort_by_key(|m| m.role);
    all
}
