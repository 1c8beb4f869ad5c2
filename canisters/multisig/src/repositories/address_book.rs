//! The address book: at most `MAX_ADDRESS_BOOK` entries in one Candid cell (read only by its own methods).

use crate::memory;
use canister_kit::stable_value::StableValue;
use icto_shared::multisig::AddressBookEntry;
use std::cell::RefCell;

thread_local! {
    static BOOK: RefCell<StableValue<Vec<AddressBookEntry>>> =
        RefCell::new(StableValue::init(memory::get(memory::ADDRESS_BOOK), Vec::new()));
}

pub fn all() -> Vec<AddressBookEntry> {
    BOOK.with(|b| b.borrow().get().clone())
}

pub fn set(entries: Vec<AddressBookEntry>) {
    BOOK.with(|b| b.borrow_mut().update(|v| *v = entries));
}
