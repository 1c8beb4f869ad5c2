use crate::services::chain;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::audit::{AuditError, AuditEvent, AuditPage, TipCertificate};

/// Writers only: appends the events; returns the index of the first.
#[update]
fn append(events: Vec<AuditEvent>) -> Result<u64, AuditError> {
    chain::append(&CallContext::current(), events)
}

/// Admins: every entry from `start`.
#[query]
fn get_entries(start: u64, limit: u64) -> Result<AuditPage, AuditError> {
    chain::entries(&CallContext::current(), start, limit)
}

/// The caller's own entries.
#[query]
fn get_my_entries(offset: u64, limit: u64) -> AuditPage {
    chain::mine(&CallContext::current(), offset, limit)
}

/// A user's entries: the user themself or an admin.
#[query]
fn get_user_entries(user: Principal, offset: u64, limit: u64) -> Result<AuditPage, AuditError> {
    chain::of_user_checked(&CallContext::current(), user, offset, limit)
}

/// The chain's tip with the IC's certificate (present in query calls).
#[query]
fn get_tip_certificate() -> TipCertificate {
    chain::tip(ic_cdk::api::data_certificate())
}
