use crate::memory;
use crate::models::settings::Settings;
use canister_kit::stable_value::StableValue;
use std::cell::RefCell;

thread_local! {
    static SETTINGS: RefCell<StableValue<Settings>> = RefCell::new(StableValue::init(memory::get(memory::SETTINGS), Settings::default()));
}

pub fn with<R>(f: impl FnOnce(&Settings) -> R) -> R {
    SETTINGS.with(|s| f(s.borrow().get()))
}

pub fn update<R>(f: impl FnOnce(&mut Settings) -> R) -> R {
    SETTINGS.with(|s| s.borrow_mut().update(f))
}
