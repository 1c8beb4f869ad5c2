//! The wallet record in one Candid cell (written at init and when the policy, tokens or limits change).

use crate::memory;
use crate::models::wallet::Wallet;
use canister_kit::stable_value::StableValue;
use std::cell::RefCell;

thread_local! {
    static WALLET: RefCell<StableValue<Option<Wallet>>> = RefCell::new(StableValue::init(memory::get(memory::WALLET), None));
}

pub fn exists() -> bool {
    WALLET.with(|w| w.borrow().get().is_some())
}

/// The wallet (written by `init`, so always present in a running wallet).
pub fn get() -> Wallet {
    WALLET.with(|w| w.borrow().get().clone()).expect("the wallet is written at init")
}

pub fn set(wallet: Wallet) {
    WALLET.with(|w| w.borrow_mut().update(|v| *v = Some(wallet)));
}

pub fn update<R>(f: impl FnOnce(&mut Wallet) -> R) -> R {
    let mut wallet = get();
    let r = f(&mut wallet);
    set(wallet);
    r
}
