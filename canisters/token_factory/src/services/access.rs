//! Who may do what: admins manage settings and templates; only the backend creates tokens; a token's
//! owner or an admin upgrades it.

use crate::repositories::settings;
use canister_kit::CallContext;
use icto_shared::token_factory::{FactoryError, TokenRecord};

pub fn is_admin(ctx: &CallContext) -> bool {
    settings::with(|s| s.admins.contains(&ctx.caller))
}

pub fn require_admin(ctx: &CallContext) -> Result<(), FactoryError> {
    if is_admin(ctx) { Ok(()) } else { Err(FactoryError::Unauthorized) }
}

pub fn require_backend(ctx: &CallContext) -> Result<(), FactoryError> {
    if settings::with(|s| s.backend == Some(ctx.caller)) { Ok(()) } else { Err(FactoryError::Unauthorized) }
}

pub fn require_owner_or_admin(ctx: &CallContext, token: &TokenRecord) -> Result<(), FactoryError> {
    if token.owner == ctx.caller || is_admin(ctx) { Ok(()) } else { Err(FactoryError::Unauthorized) }
}
