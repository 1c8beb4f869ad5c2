//! Settings: set at install, changed by admins through the kit's factory rules (`canister_kit::factory`:
//! the trusted backend, 1-10 admins, cycles per new campaign of at least 0.1T), read by anyone.

use super::access::Campaigns;
use crate::models::settings::DEFAULT_CYCLES_PER_CAMPAIGN;
use crate::repositories::campaigns::CAMPAIGNS;
use crate::repositories::{settings, templates};
use canister_kit::factory;
use icto_shared::distribution_factory::{DistributionFactoryInitArgs, DistributionFactorySettings};

pub fn init(args: DistributionFactoryInitArgs) -> Result<(), String> {
    factory::init::<Campaigns>(args.admins, args.backend, args.cycles_per_campaign, DEFAULT_CYCLES_PER_CAMPAIGN)
}

pub fn get() -> DistributionFactorySettings {
    settings::with(|s| DistributionFactorySettings {
        admins: s.admins.clone(),
        backend: s.backend,
        cycles_per_campaign: s.cycles_per_campaign,
        campaign_count: CAMPAIGNS.count(),
        latest_template: templates::with(|t| t.latest()),
    })
}
