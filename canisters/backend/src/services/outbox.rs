//! Audit events and invoices leave the backend through a durable outbox, so neither storage is on the
//! deployment's critical path: records are written to stable memory in the message that produces them,
//! and a timer flushes them right after (in batches, in order) and retries with backoff until the
//! storage acknowledges. A record stays in the outbox until then; a storage not configured yet simply
//! leaves its records waiting. The audit storage also learns the backend's admins this way (they may
//! read the whole log).

use crate::clients;
use crate::repositories::{outbox, settings};
use candid::Principal;
use icto_shared::audit::AuditEvent;
use icto_shared::invoice::Invoice;
use std::cell::{Cell, RefCell};

const BATCH: usize = 50;
const SECOND: u64 = 1_000_000_000;
const MAX_BACKOFF: u64 = 600 * SECOND;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static FAILURES: Cell<u32> = const { Cell::new(0) };
    static LAST_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

pub fn audit(actor: Principal, action: &str, subjects: Vec<Principal>, payload: String, now: u64) {
    outbox::push_audit(AuditEvent { actor, action: action.to_string(), subjects, payload, occurred_at: now });
    schedule(0);
}

pub fn invoice(invoice: Invoice) {
    outbox::push_invoice(invoice);
    schedule(0);
}

pub fn status() -> icto_shared::backend::OutboxStatus {
    let (audit_events, invoices) = outbox::counts();
    icto_shared::backend::OutboxStatus { audit_events, invoices, last_error: LAST_ERROR.with(|e| e.borrow().clone()) }
}

/// Arms the flush timer (one at a time) to fire after `delay` nanoseconds.
pub fn schedule(delay: u64) {
    if ARMED.with(|a| a.replace(true)) {
        return;
    }
    #[cfg(target_family = "wasm")]
    ic_cdk_timers::set_timer(std::time::Duration::from_nanos(delay), async {
        ARMED.with(|a| a.set(false));
        flush().await;
    });
    #[cfg(not(target_family = "wasm"))]
    let _ = delay;
}

/// Sends what is waiting; re-arms while anything is left (at once after progress, with backoff after
/// a failure).
pub async fn flush() {
    let storages = settings::with(|s| s.storages);
    let mut failed: Option<String> = None;
    let mut progressed = false;
    if let (Some(audit), Some(readers)) = (storages.audit, settings::with(|s| s.audit_readers_pending.clone())) {
        match clients::storages::set_audit_readers(audit, readers.clone()).await {
            // Cleared only if no newer list arrived while the call was out.
            Ok(()) => settings::update(|s| {
                if s.audit_readers_pending.as_ref() == Some(&readers) {
                    s.audit_readers_pending = None;
                }
            }),
            Err(e) => failed = Some(format!("audit storage readers: {e}")),
        }
    }
    if let Some(audit) = storages.audit {
        let batch = outbox::audit_batch(BATCH);
        if !batch.is_empty() {
            let (keys, events): (Vec<u64>, Vec<AuditEvent>) = batch.into_iter().unzip();
            match clients::storages::append_audit(audit, events).await {
                Ok(()) => {
                    outbox::remove_audit(&keys);
                    progressed = true;
                }
                Err(e) => failed = Some(format!("audit storage: {e}")),
            }
        }
    }
    if let Some(invoice) = storages.invoice {
        let batch = outbox::invoice_batch(BATCH);
        if !batch.is_empty() {
            let (keys, invoices): (Vec<u64>, Vec<Invoice>) = batch.into_iter().unzip();
            match clients::storages::upsert_invoices(invoice, invoices).await {
                Ok(()) => {
                    outbox::remove_invoices(&keys);
                    progressed = true;
                }
                Err(e) => failed = Some(format!("invoice storage: {e}")),
            }
        }
    }
    let (audit_left, invoices_left) = outbox::counts();
    let readers_left = settings::with(|s| s.audit_readers_pending.is_some());
    let waiting = ((audit_left > 0 || readers_left) && storages.audit.is_some())
        || (invoices_left > 0 && storages.invoice.is_some());
    match failed {
        Some(e) => {
            LAST_ERROR.with(|l| *l.borrow_mut() = Some(e));
            let n = FAILURES.with(|f| f.replace(f.get().saturating_add(1)));
            schedule((SECOND << n.min(10)).min(MAX_BACKOFF));
        }
        None => {
            FAILURES.with(|f| f.set(0));
            LAST_ERROR.with(|l| *l.borrow_mut() = None);
            if waiting && progressed {
                schedule(0);
            }
        }
    }
}
