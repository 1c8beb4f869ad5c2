use crate::services::settings;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::audit::AuditError;

#[update]
fn set_writers(writers: Vec<Principal>) -> Result<(), AuditError> {
    settings::set_writers(&CallContext::current(), writers)
}

#[query]
fn get_writers() -> Vec<Principal> {
    settings::writers()
}
