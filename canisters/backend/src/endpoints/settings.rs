use crate::services::{outbox, settings};
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::backend::{BackendConfig, BackendError, ContractTypeSettings, OutboxStatus, PaymentSettings, RateLimits, Storages};
use icto_shared::contract::ContractType;

#[update]
fn set_contract_type(contract_type: ContractType, settings: ContractTypeSettings) -> Result<(), BackendError> {
    settings::set_contract_type(&CallContext::current(), contract_type, settings)
}

#[update]
fn set_admins(admins: Vec<Principal>) -> Result<(), BackendError> {
    settings::set_admins(&CallContext::current(), admins)
}

#[update]
fn set_rate_limits(limits: RateLimits) -> Result<(), BackendError> {
    settings::set_rate_limits(&CallContext::current(), limits)
}

#[update]
fn set_payment(payment: PaymentSettings) -> Result<(), BackendError> {
    settings::set_payment(&CallContext::current(), payment)
}

/// Fees, cycles per deployment, flags, factories, the payment ledger, rate limits: readable by anyone.
#[query]
fn get_config() -> BackendConfig {
    settings::get()
}

#[update]
fn set_storages(storages: Storages) -> Result<(), BackendError> {
    settings::set_storages(&CallContext::current(), storages)
}

/// Audit events and invoices not yet acknowledged by their storage.
#[query]
fn get_outbox_status() -> OutboxStatus {
    outbox::status()
}
