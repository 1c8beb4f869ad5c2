//! Who may do what: admins manage settings and templates; only the backend creates tokens.

use crate::repositories::state;
use candid::Principal;
use icto_shared::factory::FactoryError;

pub fn is_admin(caller: &Principal) -> bool {
    state::with(|s| s.admins.contains(caller))
}

pub fn require_admin(caller: &Principal) -> Result<(), FactoryError> {
    if is_admin(caller) { Ok(()) } else { Err(FactoryError::Unauthorized) }
}

pub fn require_backend(caller: &Principal) -> Result<(), FactoryError> {
    if state::with(|s| s.backend == Some(*caller)) { Ok(()) } else { Err(FactoryError::Unauthorized) }
}
