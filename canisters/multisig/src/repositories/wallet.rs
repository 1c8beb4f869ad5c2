//! The wallet record in one Candid cell (written at init and when the policy, tokens or limits change),
//! with a heap copy so the many reads of a vote or an execution decode nothing (the copy is filled from
//! stable memory on first use after an install or upgrade, and written through).

use crate::memory;
use crate::models::wallet::Wallet;
use canister_kit::stable_value::StableValue;
use std::cell::RefCell;

thread_local! {
    static WALLET: RefCell<StableValue<Option<Wallet>>> = RefCell::new(StableValue::init(memory::get(memory::WALLET), None));
    static CACHE: RefCell<Option<Wallet>> = const { RefCell::new(None) };
}

pub fn exists() -> bool {
    CACHE.with(|c| c.borrow().is_some()) || WALLET.with(|w| w.borrow().get().is_some())
}

/// The wallet (written by `init`, so always present in a running wallet).
pub fn get() -> Wallet {
    if let Some(w) = CACHE.with(|c| c.borrow().clone()) {
        return w;
    }
    let w = WALLET.with(|w| w.borrow().get().clone()).expect("the wallet is written at init");
    CACHE.with(|c| *c.borrow_mut() = Some(w.clone()));
    w
}

pub fn set(wallet: Wallet) {
    CACHE.with(|c| *c.borrow_mut() = Some(wallet.clone()));
    WALLET.with(|w| w.borrow_mut().update(|v| *v = Some(wallet)));
}

pub fn update<R>(f: impl FnOnce(&mut Wallet) -> R) -> R {
    let mut wallet = get();
    let r = f(&mut wallet);
    set(wallet);
    r
}
