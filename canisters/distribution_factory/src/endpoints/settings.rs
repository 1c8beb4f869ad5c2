use crate::services::access::Campaigns;
use crate::services::settings;
use canister_kit::factory;
use canister_kit::{query, update, CallContext};
use candid::{Nat, Principal};
use icto_shared::distribution_factory::{DistributionFactoryError, DistributionFactorySettings};

#[update]
fn set_backend(backend: Option<Principal>) -> Result<(), DistributionFactoryError> {
    factory::set_backend::<Campaigns>(&CallContext::current(), backend)
}

#[update]
fn set_admins(admins: Vec<Principal>) -> Result<(), DistributionFactoryError> {
    factory::set_admins::<Campaigns>(&CallContext::current(), admins)
}

#[update]
fn set_cycles_per_campaign(cycles: Nat) -> Result<(), DistributionFactoryError> {
    factory::set_cycles_per_contract::<Campaigns>(&CallContext::current(), cycles)
}

#[query]
fn get_settings() -> DistributionFactorySettings {
    settings::get()
}
