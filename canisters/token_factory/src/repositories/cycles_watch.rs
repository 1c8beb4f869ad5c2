//! The cycles watch's stable state (the kit's `CyclesWatch`, ids in `memory`).

use crate::memory;
use canister_kit::cycles_watch::CyclesWatch;
use std::cell::RefCell;
use std::thread::LocalKey;

thread_local! {
    static WATCH: RefCell<CyclesWatch> = RefCell::new(CyclesWatch::init(
        memory::get(memory::CYCLES_WATCH_STATE),
        memory::get(memory::CYCLES_WATCH_GIVEN),
        memory::get(memory::CYCLES_WATCH_LOG),
    ));
}

/// For the kit's pass, which borrows it between its awaits.
pub fn store() -> &'static LocalKey<RefCell<CyclesWatch>> {
    &WATCH
}

pub fn with<R>(f: impl FnOnce(&CyclesWatch) -> R) -> R {
    WATCH.with(|w| f(&w.borrow()))
}

pub fn update<R>(f: impl FnOnce(&mut CyclesWatch) -> R) -> R {
    WATCH.with(|w| f(&mut w.borrow_mut()))
}
