//! Admins manage the writer list and read everything; writers append and name the readers (the backend's
//! admins), who read everything too; users read their own entries.

use crate::repositories::settings;
use canister_kit::CallContext;
use icto_shared::audit::AuditError;

pub fn is_admin(ctx: &CallContext) -> bool {
    settings::with(|s| s.admins.contains(&ctx.caller))
}

/// Admins and the readers the writer named.
pub fn may_read_all(ctx: &CallContext) -> bool {
    settings::with(|s| s.admins.contains(&ctx.caller) || s.readers.as_ref().is_some_and(|r| r.contains(&ctx.caller)))
}

pub fn require_admin(ctx: &CallContext) -> Result<(), AuditError> {
    if is_admin(ctx) { Ok(()) } else { Err(AuditError::Unauthorized) }
}

pub fn require_writer(ctx: &CallContext) -> Result<(), AuditError> {
    if settings::with(|s| s.writers.contains(&ctx.caller)) { Ok(()) } else { Err(AuditError::Unauthorized) }
}
