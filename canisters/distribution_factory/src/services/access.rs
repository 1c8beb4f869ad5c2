//! Who may do what, through the kit's factory rules (`canister_kit::factory`): admins manage settings and
//! templates; only the backend creates campaigns; a campaign's creator or an admin upgrades it; only
//! campaigns this factory deployed report relationships (`relationships`). `Campaigns` is this factory
//! as the kit sees it: its settings, its template store, its bounds and its typed error.

use crate::models::settings::{FactoryState, MIN_CYCLES_PER_CAMPAIGN};
use crate::repositories::{settings, templates};
use canister_kit::factory::{self, Factory};
use canister_kit::templates::TemplateStore;
use canister_kit::CallContext;
use icto_shared::distribution_factory::limits::MAX_ADMINS;
use icto_shared::distribution_factory::{CampaignRecord, DistributionFactoryError as Error};

pub struct Campaigns;

impl Factory for Campaigns {
    type Settings = FactoryState;
    type Error = Error;
    const MAX_ADMINS: usize = MAX_ADMINS;
    const MIN_CYCLES_PER_CONTRACT: u128 = MIN_CYCLES_PER_CAMPAIGN;

    fn with_settings<R>(f: impl FnOnce(&FactoryState) -> R) -> R {
        settings::with(f)
    }
    fn update_settings<R>(f: impl FnOnce(&mut FactoryState) -> R) -> R {
        settings::update(f)
    }
    fn with_templates<R>(f: impl FnOnce(&mut TemplateStore) -> R) -> R {
        templates::with(f)
    }
    fn unauthorized() -> Error {
        Error::Unauthorized
    }
    fn not_newer(current: u32, requested: u32) -> Error {
        Error::NotNewerTemplate { current, requested }
    }
    /// Changes waiting for a backend go out now.
    fn backend_changed() {
        super::relationships::FORWARDER.resume();
    }
}

pub fn is_admin(ctx: &CallContext) -> bool {
    factory::is_admin::<Campaigns>(ctx)
}

pub fn require_backend(ctx: &CallContext) -> Result<(), Error> {
    factory::require_backend::<Campaigns>(ctx)
}

pub fn require_creator_or_admin(ctx: &CallContext, campaign: &CampaignRecord) -> Result<(), Error> {
    factory::require_creator_or_admin::<Campaigns>(ctx, campaign.creator)
}
