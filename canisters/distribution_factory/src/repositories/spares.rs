//! Campaign canisters whose install failed, kept for the next campaign (the kit's `SpareCanisters`).

use crate::memory;
use canister_kit::deploy::SpareCanisters;
use std::cell::RefCell;

thread_local! {
    static SPARES: RefCell<SpareCanisters> = RefCell::new(SpareCanisters::init(memory::get(memory::SPARE_CANISTERS)));
}

pub fn with<R>(f: impl FnOnce(&mut SpareCanisters) -> R) -> R {
    SPARES.with(|s| f(&mut s.borrow_mut()))
}
