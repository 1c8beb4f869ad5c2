use crate::services::invoices;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::invoice::{Invoice, InvoiceError, InvoicePage};

/// The backend only: idempotent writes keyed by payment id.
#[update]
fn upsert_invoices(batch: Vec<Invoice>) -> Result<(), InvoiceError> {
    invoices::upsert(&CallContext::current(), batch)
}

#[update]
fn set_backend(backend: Principal) -> Result<(), InvoiceError> {
    invoices::set_backend(&CallContext::current(), backend)
}

/// An invoice of the caller's (admins: anyone's).
#[query]
fn get_invoice(payment_id: serde_bytes::ByteBuf) -> Option<Invoice> {
    invoices::get(&CallContext::current(), &payment_id)
}

/// The caller's invoices, newest first.
#[query]
fn get_my_invoices(offset: u64, limit: u64) -> InvoicePage {
    invoices::mine(&CallContext::current(), offset, limit)
}

/// A user's invoices: the user themself or an admin.
#[query]
fn get_user_invoices(user: Principal, offset: u64, limit: u64) -> Result<InvoicePage, InvoiceError> {
    invoices::of_user(&CallContext::current(), user, offset, limit)
}
