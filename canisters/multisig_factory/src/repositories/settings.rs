use crate::memory;
use crate::models::settings::FactoryState;
use canister_kit::stable_value::StableValue;
use std::cell::RefCell;

thread_local! {
    static SETTINGS: RefCell<StableValue<FactoryState>> = RefCell::new(StableValue::init(memory::get(memory::SETTINGS), FactoryState::default()));
}

pub fn with<R>(f: impl FnOnce(&FactoryState) -> R) -> R {
    SETTINGS.with(|s| f(s.borrow().get()))
}

pub fn update<R>(f: impl FnOnce(&mut FactoryState) -> R) -> R {
    SETTINGS.with(|s| s.borrow_mut().update(f))
}
