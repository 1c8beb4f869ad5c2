//! Settings that admins change: the trusted backend, the admin list, cycles per new campaign.

use super::access::require_admin;
use crate::models::settings::{DEFAULT_CYCLES_PER_CAMPAIGN, MIN_CYCLES_PER_CAMPAIGN};
use crate::repositories::{campaigns, settings, templates};
use canister_kit::{CallContext, KitError};
use candid::{Nat, Principal};
use icto_shared::distribution_factory::limits::MAX_ADMINS;
use icto_shared::distribution_factory::{DistributionFactoryError as Error, DistributionFactoryInitArgs, DistributionFactorySettings};

fn invalid(message: String) -> Error {
    Error::Kit(KitError::InvalidArgument(message))
}

fn check_admins(admins: &[Principal]) -> Result<(), String> {
    if admins.is_empty() || admins.len() > MAX_ADMINS {
        return Err(format!("give between 1 and {MAX_ADMINS} admins"));
    }
    if admins.contains(&Principal::anonymous()) {
        return Err("the anonymous principal cannot be an admin".into());
    }
    Ok(())
}

pub fn init(args: DistributionFactoryInitArgs) -> Result<(), String> {
    check_admins(&args.admins)?;
    let cycles = args.cycles_per_campaign.unwrap_or(DEFAULT_CYCLES_PER_CAMPAIGN);
    if cycles < MIN_CYCLES_PER_CAMPAIGN {
        return Err(format!("cycles_per_campaign must be at least {MIN_CYCLES_PER_CAMPAIGN}"));
    }
    settings::update(|s| {
        s.admins = args.admins;
        s.backend = args.backend;
        s.cycles_per_campaign = cycles;
    });
    Ok(())
}

pub fn set_backend(ctx: &CallContext, backend: Option<Principal>) -> Result<(), Error> {
    require_admin(ctx)?;
    if backend == Some(Principal::anonymous()) {
        return Err(invalid("the anonymous principal cannot be the backend".into()));
    }
    settings::update(|s| s.backend = backend);
    // Changes waiting for a backend go out now.
    super::relationships::FORWARDER.resume();
    Ok(())
}

pub fn set_admins(ctx: &CallContext, admins: Vec<Principal>) -> Result<(), Error> {
    require_admin(ctx)?;
    check_admins(&admins).map_err(invalid)?;
    settings::update(|s| s.admins = admins);
    Ok(())
}

pub fn set_cycles_per_campaign(ctx: &CallContext, cycles: Nat) -> Result<(), Error> {
    require_admin(ctx)?;
    let cycles = u128::try_from(&cycles.0).map_err(|_| invalid("too many cycles".into()))?;
    if cycles < MIN_CYCLES_PER_CAMPAIGN {
        return Err(invalid(format!("at least {MIN_CYCLES_PER_CAMPAIGN} cycles")));
    }
    settings::update(|s| s.cycles_per_campaign = cycles);
    Ok(())
}

pub fn get() -> DistributionFactorySettings {
    settings::with(|s| DistributionFactorySettings {
        admins: s.admins.clone(),
        backend: s.backend,
        cycles_per_campaign: s.cycles_per_campaign,
        campaign_count: campaigns::count(),
        latest_template: templates::with(|t| t.latest()),
    })
}
