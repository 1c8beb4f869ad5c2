//! Only the backend writes; users read their own invoices; admins read all.

use crate::repositories::settings;
use canister_kit::CallContext;
use icto_shared::invoice::InvoiceError;

pub fn is_admin(ctx: &CallContext) -> bool {
    settings::with(|s| s.admins.contains(&ctx.caller))
}

pub fn require_backend(ctx: &CallContext) -> Result<(), InvoiceError> {
    if settings::with(|s| s.backend == ctx.caller) { Ok(()) } else { Err(InvoiceError::Unauthorized) }
}

pub fn require_admin(ctx: &CallContext) -> Result<(), InvoiceError> {
    if is_admin(ctx) { Ok(()) } else { Err(InvoiceError::Unauthorized) }
}
