//! Who may do what, through the kit's factory rules (`canister_kit::factory`): admins manage settings,
//! templates and the cycles watch; only the backend creates tokens; a token's owner or an admin upgrades
//! it. `Tokens` is this factory as the kit sees it: its settings, its template store, its bounds and its
//! typed error.

use crate::models::settings::{FactoryState, MIN_CYCLES_PER_TOKEN};
use crate::repositories::{settings, templates};
use canister_kit::factory::{self, Factory};
use canister_kit::templates::TemplateStore;
use canister_kit::CallContext;
use icto_shared::token_factory::limits::MAX_ADMINS;
use icto_shared::token_factory::{FactoryError, TokenRecord};

pub struct Tokens;

impl Factory for Tokens {
    type Settings = FactoryState;
    type Error = FactoryError;
    const MAX_ADMINS: usize = MAX_ADMINS;
    const MIN_CYCLES_PER_CONTRACT: u128 = MIN_CYCLES_PER_TOKEN;

    fn with_settings<R>(f: impl FnOnce(&FactoryState) -> R) -> R {
        settings::with(f)
    }
    fn update_settings<R>(f: impl FnOnce(&mut FactoryState) -> R) -> R {
        settings::update(f)
    }
    fn with_templates<R>(f: impl FnOnce(&mut TemplateStore) -> R) -> R {
        templates::with(f)
    }
    fn unauthorized() -> FactoryError {
        FactoryError::Unauthorized
    }
    fn not_newer(current: u32, requested: u32) -> FactoryError {
        FactoryError::NotNewerTemplate { current, requested }
    }
    /// Changes waiting for a backend go out now.
    fn backend_changed() {
        super::relationships::FORWARDER.resume();
    }
}

pub fn require_admin(ctx: &CallContext) -> Result<(), FactoryError> {
    factory::require_admin::<Tokens>(ctx)
}

pub fn require_backend(ctx: &CallContext) -> Result<(), FactoryError> {
    factory::require_backend::<Tokens>(ctx)
}

pub fn require_owner_or_admin(ctx: &CallContext, token: &TokenRecord) -> Result<(), FactoryError> {
    factory::require_creator_or_admin::<Tokens>(ctx, token.owner)
}
