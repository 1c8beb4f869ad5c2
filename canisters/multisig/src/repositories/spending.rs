//! What left the wallet today per limited token.

use crate::memory::{self, Memory};
use crate::models::spending::DaySpend;
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static SPENT: RefCell<StableBTreeMap<Principal, Candid<DaySpend>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::SPENT_TODAY)));
}

pub fn get(ledger: &Principal) -> DaySpend {
    SPENT.with(|s| s.borrow().get(ledger).map(|c| c.0).unwrap_or_default())
}

pub fn set(ledger: Principal, spend: DaySpend) {
    SPENT.with(|s| s.borrow_mut().insert(ledger, Candid(spend)));
}
