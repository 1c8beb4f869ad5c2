//! Settings that admins change: the trusted backend, the admin list, cycles per new token.

use super::access::require_admin;
use crate::repositories::state;
use candid::Principal;
use icto_shared::factory::limits::MAX_ADMINS;
use icto_shared::factory::{FactoryError, FactoryInitArgs};

/// Below this a token canister would freeze soon after creation.
pub const MIN_CYCLES_PER_TOKEN: u128 = 100_000_000_000;

pub fn init(args: FactoryInitArgs) -> Result<(), String> {
    if args.admins.is_empty() || args.admins.len() > MAX_ADMINS {
        return Err(format!("give between 1 and {MAX_ADMINS} admins"));
    }
    let cycles = args.cycles_per_token.unwrap_or(crate::models::state::DEFAULT_CYCLES_PER_TOKEN);
    if cycles < MIN_CYCLES_PER_TOKEN {
        return Err(format!("cycles_per_token must be at least {MIN_CYCLES_PER_TOKEN}"));
    }
    state::update(|s| {
        s.admins = args.admins;
        s.backend = args.backend;
        s.cycles_per_token = cycles;
    });
    Ok(())
}

pub fn set_backend(caller: Principal, backend: Option<Principal>) -> Result<(), FactoryError> {
    require_admin(&caller)?;
    state::update(|s| s.backend = backend);
    Ok(())
}

pub fn set_admins(caller: Principal, admins: Vec<Principal>) -> Result<(), FactoryError> {
    require_admin(&caller)?;
    if admins.is_empty() || admins.len() > MAX_ADMINS {
        return Err(FactoryError::InvalidArgument(format!("give between 1 and {MAX_ADMINS} admins")));
    }
    state::update(|s| s.admins = admins);
    Ok(())
}

pub fn set_cycles_per_token(caller: Principal, cycles: u128) -> Result<(), FactoryError> {
    require_admin(&caller)?;
    if cycles < MIN_CYCLES_PER_TOKEN {
        return Err(FactoryError::InvalidArgument(format!("at least {MIN_CYCLES_PER_TOKEN} cycles")));
    }
    state::update(|s| s.cycles_per_token = cycles);
    Ok(())
}
