use crate::services::settings;
use canister_kit::{query, update, CallContext};
use candid::{Nat, Principal};
use icto_shared::token_factory::{FactoryError, FactorySettings};

#[update]
fn set_backend(backend: Option<Principal>) -> Result<(), FactoryError> {
    settings::set_backend(&CallContext::current(), backend)
}

#[update]
fn set_admins(admins: Vec<Principal>) -> Result<(), FactoryError> {
    settings::set_admins(&CallContext::current(), admins)
}

#[update]
fn set_cycles_per_token(cycles: Nat) -> Result<(), FactoryError> {
    settings::set_cycles_per_token(&CallContext::current(), cycles)
}

#[query]
fn get_settings() -> FactorySettings {
    settings::get()
}
