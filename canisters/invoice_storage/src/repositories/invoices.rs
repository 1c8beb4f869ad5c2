//! Invoices by payment id and each user's invoices in time order.

use crate::memory::{self, Memory};
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::invoice::Invoice;
use std::cell::RefCell;

pub type PaymentId = [u8; 32];

thread_local! {
    static INVOICES: RefCell<StableBTreeMap<PaymentId, Candid<Invoice>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::INVOICES)));
    static BY_USER: RefCell<StableBTreeMap<(Principal, u64, PaymentId), (), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::BY_USER)));
}

pub fn get(id: &PaymentId) -> Option<Invoice> {
    INVOICES.with(|i| i.borrow().get(id).map(|c| c.0))
}

/// Writes the invoice; a new one is also indexed under its user (user and creation time never change).
pub fn put(id: PaymentId, invoice: Invoice) {
    let (user, created_at) = (invoice.user, invoice.created_at);
    let new = INVOICES.with(|i| i.borrow_mut().insert(id, Candid(invoice)).is_none());
    if new {
        BY_USER.with(|b| b.borrow_mut().insert((user, created_at, id), ()));
    }
}

pub fn count() -> u64 {
    INVOICES.with(|i| i.borrow().len())
}

/// A user's invoices, newest first: (total, page).
pub fn page_of_user(user: Principal, offset: u64, limit: u64) -> (u64, Vec<Invoice>) {
    BY_USER.with(|b| {
        let b = b.borrow();
        let range = || b.range((user, 0, [0; 32])..=(user, u64::MAX, [0xff; 32]));
        let total = range().count() as u64;
        let ids: Vec<PaymentId> = range().rev().skip(offset as usize).take(limit as usize).map(|e| e.key().2).collect();
        (total, ids.iter().filter_map(get).collect())
    })
}
