use crate::services::settings;
use canister_kit::{query, update, CallContext};
use candid::{Nat, Principal};
use icto_shared::distribution_factory::{DistributionFactoryError, DistributionFactorySettings};

#[update]
fn set_backend(backend: Option<Principal>) -> Result<(), DistributionFactoryError> {
    settings::set_backend(&CallContext::current(), backend)
}

#[update]
fn set_admins(admins: Vec<Principal>) -> Result<(), DistributionFactoryError> {
    settings::set_admins(&CallContext::current(), admins)
}

#[update]
fn set_cycles_per_campaign(cycles: Nat) -> Result<(), DistributionFactoryError> {
    settings::set_cycles_per_campaign(&CallContext::current(), cycles)
}

#[query]
fn get_settings() -> DistributionFactorySettings {
    settings::get()
}
