use crate::memory::{self, Memory};
use crate::models::settings::LedgerSettings;
use ic_stable_structures::Cell;
use std::cell::RefCell;

thread_local! {
    static SETTINGS: RefCell<Cell<LedgerSettings, Memory>> =
        RefCell::new(Cell::init(memory::get(memory::SETTINGS), LedgerSettings::default()));
}

/// Reads without cloning (the settings may hold a 30 KB logo).
pub fn with<R>(f: impl FnOnce(&LedgerSettings) -> R) -> R {
    SETTINGS.with(|s| f(s.borrow().get()))
}

pub fn get() -> LedgerSettings {
    with(|s| s.clone())
}

pub fn set(settings: LedgerSettings) {
    SETTINGS.with(|s| {
        s.borrow_mut().set(settings);
    });
}
