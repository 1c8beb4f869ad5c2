//! Members (signers and observers) by principal.

use crate::memory::{self, Memory};
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::multisig::{Member, MemberRole};
use std::cell::RefCell;

thread_local! {
    static MEMBERS: RefCell<StableBTreeMap<Principal, Candid<Member>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::MEMBERS)));
}

pub fn get(who: &Principal) -> Option<Member> {
    MEMBERS.with(|m| m.borrow().get(who).map(|c| c.0))
}

pub fn role_of(who: &Principal) -> Option<MemberRole> {
    get(who).map(|m| m.role)
}

pub fn is_signer(who: &Principal) -> bool {
    role_of(who) == Some(MemberRole::Signer)
}

pub fn insert(member: Member) {
    MEMBERS.with(|m| m.borrow_mut().insert(member.principal, Candid(member)));
}

pub fn remove(who: &Principal) -> Option<Member> {
    MEMBERS.with(|m| m.borrow_mut().remove(who).map(|c| c.0))
}

/// Every member (at most `MAX_SIGNERS + MAX_OBSERVERS`), signers first, each group by principal.
pub fn all() -> Vec<Member> {
    let mut all: Vec<Member> = MEMBERS.with(|m| m.borrow().iter().map(|e| e.value().0).collect());
    all.sort_by_key(|m| m.role);
    all
}
