use crate::memory::{self, Memory};
use crate::models::candid_storable::Candid;
use crate::models::state::FactoryState;
use ic_stable_structures::Cell;
use std::cell::RefCell;

thread_local! {
    static STATE: RefCell<Cell<Candid<FactoryState>, Memory>> =
        RefCell::new(Cell::init(memory::get(memory::STATE), Candid(FactoryState::default())));
}

pub fn with<R>(f: impl FnOnce(&FactoryState) -> R) -> R {
    STATE.with(|s| f(&s.borrow().get().0))
}

pub fn update<R>(f: impl FnOnce(&mut FactoryState) -> R) -> R {
    STATE.with(|s| {
        let mut state = s.borrow().get().0.clone();
        let r = f(&mut state);
        s.borrow_mut().set(Candid(state));
        r
    })
}
