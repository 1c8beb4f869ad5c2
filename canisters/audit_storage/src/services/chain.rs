//! The hash chain: each appended entry hashes its content with the previous entry's hash
//! (`icto_shared::audit::entry_hash`), and the certified data becomes `certified_tip(tip, length)`.
//! There is no endpoint that deletes or rewrites an entry.

use super::access::{may_read_all, require_writer};
use crate::repositories::entries;
use canister_kit::pagination::MAX_PAGE;
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::audit::limits::*;
use icto_shared::audit::{certified_tip, entry_hash, AuditEntry, AuditError, AuditEvent, AuditPage, TipCertificate, GENESIS};

fn check(e: &AuditEvent) -> Result<(), AuditError> {
    let bad = |why: &str| Err(AuditError::InvalidArgument(why.to_string()));
    if e.action.is_empty() || e.action.len() > MAX_ACTION_BYTES {
        return bad("the action is 1 to 64 bytes");
    }
    if e.payload.len() > MAX_PAYLOAD_BYTES {
        return bad("the payload is at most 2048 bytes");
    }
    if e.subjects.len() > MAX_SUBJECTS {
        return bad("at most 4 subjects");
    }
    Ok(())
}

pub fn tip_hash() -> Vec<u8> {
    entries::last().map_or(GENESIS.to_vec(), |e| e.hash)
}

/// Sets the certified data to the current tip (after appends and after an upgrade).
pub fn certify() {
    canister_kit::system::set_certified_data(&certified_tip(&tip_hash(), entries::len()));
}

/// Appends the events in order (all checked first: a refused batch appends nothing); returns the index
/// of the first.
pub fn append(ctx: &CallContext, events: Vec<AuditEvent>) -> Result<u64, AuditError> {
    require_writer(ctx)?;
    if events.len() > MAX_BATCH {
        return Err(AuditError::InvalidArgument(format!("at most {MAX_BATCH} events per append")));
    }
    events.iter().try_for_each(check)?;
    let first = entries::len();
    let mut prev = tip_hash();
    for (i, event) in events.into_iter().enumerate() {
        let index = first + i as u64;
        let hash = entry_hash(index, ctx.now, ctx.caller, &event, &prev).to_vec();
        entries::append(AuditEntry { index, time: ctx.now, writer: ctx.caller, event, prev_hash: prev, hash: hash.clone() });
        prev = hash;
    }
    certify();
    Ok(first)
}

/// Admins and readers: every entry from `start`, in order.
pub fn entries(ctx: &CallContext, start: u64, limit: u64) -> Result<AuditPage, AuditError> {
    if !may_read_all(ctx) {
        return Err(AuditError::Unauthorized);
    }
    let total = entries::len();
    let end = start.saturating_add(limit.min(MAX_PAGE)).min(total);
    Ok(AuditPage { items: (start..end).filter_map(entries::get).collect(), total })
}

/// The caller's own entries (those naming them as a subject), oldest first.
pub fn mine(ctx: &CallContext, offset: u64, limit: u64) -> AuditPage {
    of_user(ctx.caller, offset, limit)
}

/// Admins and readers: a user's entries; a user their own.
pub fn of_user_checked(ctx: &CallContext, user: Principal, offset: u64, limit: u64) -> Result<AuditPage, AuditError> {
    if !may_read_all(ctx) && ctx.caller != user {
        return Err(AuditError::Unauthorized);
    }
    Ok(of_user(user, offset, limit))
}

fn of_user(user: Principal, offset: u64, limit: u64) -> AuditPage {
    let (total, indexes) = entries::page_of_subject(user, offset, limit.min(MAX_PAGE));
    AuditPage { items: indexes.into_iter().filter_map(entries::get).collect(), total }
}

/// The tip, the length and (in a query) the IC's certificate over the certified data.
pub fn tip(certificate: Option<Vec<u8>>) -> TipCertificate {
    TipCertificate { length: entries::len(), tip_hash: tip_hash(), certificate: certificate.map(serde_bytes::ByteBuf::from) }
}
