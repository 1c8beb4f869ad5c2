//! The durable outbox: audit events and invoices in the order they were produced, removed once their
//! storage acknowledged them.

use crate::memory::{self, Memory};
use canister_kit::storable::Candid;
use ic_stable_structures::StableBTreeMap;
use icto_shared::audit::AuditEvent;
use icto_shared::invoice::Invoice;
use std::cell::RefCell;

thread_local! {
    static AUDIT: RefCell<StableBTreeMap<u64, Candid<AuditEvent>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::OUTBOX_AUDIT)));
    static INVOICES: RefCell<StableBTreeMap<u64, Candid<Invoice>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::OUTBOX_INVOICES)));
}

fn push<T: candid::CandidType + serde::de::DeserializeOwned>(m: &mut StableBTreeMap<u64, Candid<T>, Memory>, item: T) {
    let next = m.last_key_value().map_or(0, |(k, _)| k + 1);
    m.insert(next, Candid(item));
}

pub fn push_audit(event: AuditEvent) {
    AUDIT.with(|a| push(&mut a.borrow_mut(), event));
}

pub fn push_invoice(invoice: Invoice) {
    INVOICES.with(|i| push(&mut i.borrow_mut(), invoice));
}

/// The oldest `limit` audit events with their keys.
pub fn audit_batch(limit: usize) -> Vec<(u64, AuditEvent)> {
    AUDIT.with(|a| a.borrow().iter().take(limit).map(|e| (*e.key(), e.value().0)).collect())
}

pub fn invoice_batch(limit: usize) -> Vec<(u64, Invoice)> {
    INVOICES.with(|i| i.borrow().iter().take(limit).map(|e| (*e.key(), e.value().0)).collect())
}

pub fn remove_audit(keys: &[u64]) {
    AUDIT.with(|a| keys.iter().for_each(|k| drop(a.borrow_mut().remove(k))));
}

pub fn remove_invoices(keys: &[u64]) {
    INVOICES.with(|i| keys.iter().for_each(|k| drop(i.borrow_mut().remove(k))));
}

pub fn counts() -> (u64, u64) {
    (AUDIT.with(|a| a.borrow().len()), INVOICES.with(|i| i.borrow().len()))
}
