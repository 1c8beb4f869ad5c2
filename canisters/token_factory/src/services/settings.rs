//! Settings that admins change: the trusted backend, the admin list, cycles per new token.

use super::access::require_admin;
use crate::models::settings::{DEFAULT_CYCLES_PER_TOKEN, MIN_CYCLES_PER_TOKEN};
use crate::repositories::{settings, spares, templates, tokens};
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::token_factory::limits::MAX_ADMINS;
use icto_shared::token_factory::{FactoryError, FactoryInitArgs, FactorySettings};

pub fn init(args: FactoryInitArgs) -> Result<(), String> {
    if args.admins.is_empty() || args.admins.len() > MAX_ADMINS {
        return Err(format!("give between 1 and {MAX_ADMINS} admins"));
    }
    let cycles = args.cycles_per_token.unwrap_or(DEFAULT_CYCLES_PER_TOKEN);
    if cycles < MIN_CYCLES_PER_TOKEN {
        return Err(format!("cycles_per_token must be at least {MIN_CYCLES_PER_TOKEN}"));
    }
    settings::update(|s| {
        s.admins = args.admins;
        s.backend = args.backend;
        s.cycles_per_token = cycles;
    });
    Ok(())
}

pub fn set_backend(ctx: &CallContext, backend: Option<Principal>) -> Result<(), FactoryError> {
    require_admin(ctx)?;
    settings::update(|s| s.backend = backend);
    Ok(())
}

pub fn set_admins(ctx: &CallContext, admins: Vec<Principal>) -> Result<(), FactoryError> {
    require_admin(ctx)?;
    if admins.is_empty() || admins.len() > MAX_ADMINS {
        return Err(FactoryError::InvalidArgument(format!("give between 1 and {MAX_ADMINS} admins")));
    }
    settings::update(|s| s.admins = admins);
    Ok(())
}

pub fn set_cycles_per_token(ctx: &CallContext, cycles: Nat) -> Result<(), FactoryError> {
    require_admin(ctx)?;
    let cycles = u128::try_from(&cycles.0).map_err(|_| FactoryError::InvalidArgument("too many cycles".into()))?;
    if cycles < MIN_CYCLES_PER_TOKEN {
        return Err(FactoryError::InvalidArgument(format!("at least {MIN_CYCLES_PER_TOKEN} cycles")));
    }
    settings::update(|s| s.cycles_per_token = cycles);
    Ok(())
}

pub fn get() -> FactorySettings {
    settings::with(|s| FactorySettings {
        admins: s.admins.clone(),
        backend: s.backend,
        cycles_per_token: s.cycles_per_token,
        token_count: tokens::count(),
        latest_template: templates::with(|t| t.latest()),
        spare_canisters: spares::SPARES.with(|s| s.list()),
    })
}
