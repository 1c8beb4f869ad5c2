//! Who may do what: admins manage settings and templates; only the backend creates campaigns; a
//! campaign's creator or an admin upgrades it; only campaigns this factory deployed report relationships.

use crate::repositories::settings;
use canister_kit::CallContext;
use icto_shared::distribution_factory::{CampaignRecord, DistributionFactoryError as Error};

pub fn is_admin(ctx: &CallContext) -> bool {
    settings::with(|s| s.admins.contains(&ctx.caller))
}

pub fn require_admin(ctx: &CallContext) -> Result<(), Error> {
    if is_admin(ctx) { Ok(()) } else { Err(Error::Unauthorized) }
}

pub fn require_backend(ctx: &CallContext) -> Result<(), Error> {
    if settings::with(|s| s.backend == Some(ctx.caller)) { Ok(()) } else { Err(Error::Unauthorized) }
}

pub fn require_creator_or_admin(ctx: &CallContext, campaign: &CampaignRecord) -> Result<(), Error> {
    if campaign.creator == ctx.caller || is_admin(ctx) { Ok(()) } else { Err(Error::Unauthorized) }
}
