use crate::services::access::Wallets;
use crate::services::settings;
use canister_kit::factory;
use canister_kit::{query, update, CallContext};
use candid::{Nat, Principal};
use icto_shared::multisig_factory::{MultisigFactoryError, MultisigFactorySettings};

#[update]
fn set_backend(backend: Option<Principal>) -> Result<(), MultisigFactoryError> {
    factory::set_backend::<Wallets>(&CallContext::current(), backend)
}

#[update]
fn set_admins(admins: Vec<Principal>) -> Result<(), MultisigFactoryError> {
    factory::set_admins::<Wallets>(&CallContext::current(), admins)
}

#[update]
fn set_cycles_per_wallet(cycles: Nat) -> Result<(), MultisigFactoryError> {
    factory::set_cycles_per_contract::<Wallets>(&CallContext::current(), cycles)
}

#[query]
fn get_settings() -> MultisigFactorySettings {
    settings::get()
}
