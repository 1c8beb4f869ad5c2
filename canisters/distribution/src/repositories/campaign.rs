//! The campaign record (one value).

use crate::memory;
use crate::models::campaign::Campaign;
use canister_kit::stable_value::StableValue;
use std::cell::RefCell;

thread_local! {
    static CAMPAIGN: RefCell<StableValue<Option<Campaign>>> =
        RefCell::new(StableValue::init(memory::get(memory::CAMPAIGN), None));
}

pub fn exists() -> bool {
    CAMPAIGN.with(|c| c.borrow().get().is_some())
}

pub fn set(campaign: Campaign) {
    CAMPAIGN.with(|c| c.borrow_mut().update(|v| *v = Some(campaign)));
}

/// The campaign (written by `init`, so always present in a running contract).
pub fn get() -> Campaign {
    CAMPAIGN.with(|c| c.borrow().get().clone()).expect("the campaign is written at init")
}

pub fn update<R>(f: impl FnOnce(&mut Campaign) -> R) -> R {
    CAMPAIGN.with(|c| c.borrow_mut().update(|v| f(v.as_mut().expect("the campaign is written at init"))))
}
