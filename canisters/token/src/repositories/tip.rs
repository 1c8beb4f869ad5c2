use crate::memory::{self, Memory};
use crate::models::tip::LedgerTip;
use ic_stable_structures::Cell;
use std::cell::RefCell;

thread_local! {
    static TIP: RefCell<Cell<LedgerTip, Memory>> =
        RefCell::new(Cell::init(memory::get(memory::TIP), LedgerTip::default()));
}

pub fn get() -> LedgerTip {
    TIP.with(|t| *t.borrow().get())
}

pub fn set(tip: LedgerTip) {
    TIP.with(|t| {
        t.borrow_mut().set(tip);
    });
}
