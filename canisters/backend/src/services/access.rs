//! Who may do what: admins change settings; whitelisted factories report relationships; anyone but the
//! anonymous principal pays for deployments.

use crate::repositories::settings;
use canister_kit::CallContext;
use icto_shared::backend::BackendError;
use icto_shared::contract::ContractType;

pub fn is_admin(ctx: &CallContext) -> bool {
    settings::with(|s| s.admins.contains(&ctx.caller))
}

pub fn require_admin(ctx: &CallContext) -> Result<(), BackendError> {
    if is_admin(ctx) { Ok(()) } else { Err(BackendError::Unauthorized) }
}

/// The contract type of the whitelisted factory calling, or Unauthorized.
pub fn require_factory(ctx: &CallContext) -> Result<ContractType, BackendError> {
    settings::with(|s| s.factory_type(ctx.caller)).ok_or(BackendError::Unauthorized)
}
