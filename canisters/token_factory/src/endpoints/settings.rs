use crate::services::access::Tokens;
use crate::services::settings;
use canister_kit::factory;
use canister_kit::{query, update, CallContext};
use candid::{Nat, Principal};
use icto_shared::token_factory::{FactoryError, FactorySettings};

#[update]
fn set_backend(backend: Option<Principal>) -> Result<(), FactoryError> {
    factory::set_backend::<Tokens>(&CallContext::current(), backend)
}

#[update]
fn set_admins(admins: Vec<Principal>) -> Result<(), FactoryError> {
    factory::set_admins::<Tokens>(&CallContext::current(), admins)
}

#[update]
fn set_cycles_per_token(cycles: Nat) -> Result<(), FactoryError> {
    factory::set_cycles_per_contract::<Tokens>(&CallContext::current(), cycles)
}

#[query]
fn get_settings() -> FactorySettings {
    settings::get()
}
