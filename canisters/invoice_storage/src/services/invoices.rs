//! Idempotent upserts keyed by payment id: the same write twice changes nothing, a status never moves
//! backwards (a late resend of "charged" after "refunded" is ignored, not an error, so the backend's
//! outbox can resend freely; a real regression such as completed -> refunded is refused).

use super::access::{is_admin, require_admin, require_backend};
use crate::repositories::{invoices, settings};
use canister_kit::pagination::MAX_PAGE;
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::invoice::limits::*;
use icto_shared::invoice::{Invoice, InvoiceError, InvoiceInitArgs, InvoicePage, InvoiceStatus};

pub fn init(args: InvoiceInitArgs) -> Result<(), String> {
    if args.admins.is_empty() || args.admins.len() > MAX_ADMINS {
        return Err(format!("give 1 to {MAX_ADMINS} admins"));
    }
    settings::update(|s| {
        s.admins = args.admins;
        s.backend = args.backend;
    });
    Ok(())
}

pub fn set_backend(ctx: &CallContext, backend: Principal) -> Result<(), InvoiceError> {
    require_admin(ctx)?;
    settings::update(|s| s.backend = backend);
    Ok(())
}

fn id_of(invoice: &Invoice) -> Result<invoices::PaymentId, InvoiceError> {
    invoice.payment_id.as_slice().try_into().map_err(|_| InvoiceError::InvalidArgument(format!("a payment id is {PAYMENT_ID_BYTES} bytes")))
}

/// Whether `next` is a later stage than `current` (resending an earlier stage is a no-op).
fn is_stale(current: InvoiceStatus, next: InvoiceStatus) -> bool {
    use InvoiceStatus::*;
    matches!((current, next), (Completed | RefundPending | Refunded, Charged) | (Refunded, RefundPending))
}

pub fn upsert(ctx: &CallContext, batch: Vec<Invoice>) -> Result<(), InvoiceError> {
    require_backend(ctx)?;
    if batch.len() > MAX_BATCH {
        return Err(InvoiceError::InvalidArgument(format!("at most {MAX_BATCH} invoices per call")));
    }
    // Checked whole first: a refused batch writes nothing.
    let mut writes = Vec::with_capacity(batch.len());
    for invoice in batch {
        let id = id_of(&invoice)?;
        if invoice.note.as_ref().is_some_and(|n| n.len() > MAX_NOTE_BYTES) {
            return Err(InvoiceError::InvalidArgument(format!("a note is at most {MAX_NOTE_BYTES} bytes")));
        }
        match invoices::get(&id) {
            Some(current) if is_stale(current.status, invoice.status) => continue,
            Some(current) if !current.status.may_become(invoice.status) || current.user != invoice.user => {
                return Err(InvoiceError::StatusRegression {
                    payment_id: serde_bytes::ByteBuf::from(id.to_vec()),
                    from: current.status,
                    to: invoice.status,
                })
            }
            _ => writes.push((id, invoice)),
        }
    }
    for (id, mut invoice) in writes {
        if let Some(current) = invoices::get(&id) {
            invoice.created_at = current.created_at; // the user index is keyed by it
        }
        invoices::put(id, invoice);
    }
    Ok(())
}

/// The invoice, for its user or an admin.
pub fn get(ctx: &CallContext, payment_id: &[u8]) -> Option<Invoice> {
    let id: invoices::PaymentId = payment_id.try_into().ok()?;
    invoices::get(&id).filter(|i| i.user == ctx.caller || is_admin(ctx))
}

pub fn mine(ctx: &CallContext, offset: u64, limit: u64) -> InvoicePage {
    let (total, items) = invoices::page_of_user(ctx.caller, offset, limit.min(MAX_PAGE));
    InvoicePage { items, total }
}

pub fn of_user(ctx: &CallContext, user: Principal, offset: u64, limit: u64) -> Result<InvoicePage, InvoiceError> {
    if ctx.caller != user {
        require_admin(ctx)?;
    }
    let (total, items) = invoices::page_of_user(user, offset, limit.min(MAX_PAGE));
    Ok(InvoicePage { items, total })
}
