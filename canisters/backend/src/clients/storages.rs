//! The audit storage and the invoice storage.

use super::describe_call_failure;
use candid::Principal;
use ic_cdk::call::Call;
use icto_shared::audit::{AuditError, AuditEvent};
use icto_shared::invoice::{Invoice, InvoiceError};

pub async fn append_audit(storage: Principal, events: Vec<AuditEvent>) -> Result<(), String> {
    let reply = Call::unbounded_wait(storage, "append").with_arg(events).await.map_err(describe_call_failure)?;
    let result: Result<u64, AuditError> = reply.candid().map_err(describe_call_failure)?;
    result.map(|_| ()).map_err(|e| format!("{e:?}"))
}

pub async fn set_audit_readers(storage: Principal, readers: Vec<Principal>) -> Result<(), String> {
    let reply = Call::unbounded_wait(storage, "set_readers").with_arg(readers).await.map_err(describe_call_failure)?;
    let result: Result<(), AuditError> = reply.candid().map_err(describe_call_failure)?;
    result.map_err(|e| format!("{e:?}"))
}

pub async fn upsert_invoices(storage: Principal, invoices: Vec<Invoice>) -> Result<(), String> {
    let reply = Call::unbounded_wait(storage, "upsert_invoices").with_arg(invoices).await.map_err(describe_call_failure)?;
    let result: Result<(), InvoiceError> = reply.candid().map_err(describe_call_failure)?;
    result.map_err(|e| format!("{e:?}"))
}
