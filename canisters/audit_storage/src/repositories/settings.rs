use crate::memory::{self, Memory};
use crate::models::settings::Settings;
use canister_kit::storable::Candid;
use ic_stable_structures::Cell;
use std::cell::RefCell;

thread_local! {
    static SETTINGS: RefCell<Cell<Candid<Settings>, Memory>> =
        RefCell::new(Cell::init(memory::get(memory::SETTINGS), Candid(Settings::default())));
}

pub fn with<R>(f: impl FnOnce(&Settings) -> R) -> R {
    SETTINGS.with(|s| f(&s.borrow().get().0))
}

pub fn update<R>(f: impl FnOnce(&mut Settings) -> R) -> R {
    SETTINGS.with(|s| {
        let mut state = s.borrow().get().0.clone();
        let r = f(&mut state);
        s.borrow_mut().set(Candid(state));
        r
    })
}
