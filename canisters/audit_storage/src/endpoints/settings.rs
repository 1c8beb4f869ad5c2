use crate::services::settings;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::audit::AuditError;

#[update]
fn set_writers(writers: Vec<Principal>) -> Result<(), AuditError> {
    settings::set_writers(&CallContext::current(), writers)
}

/// Writers only (the backend): who besides the admins reads every entry (the backend's admins).
#[update]
fn set_readers(readers: Vec<Principal>) -> Result<(), AuditError> {
    settings::set_readers(&CallContext::current(), readers)
}

#[query]
fn get_readers() -> Vec<Principal> {
    settings::readers()
}

#[query]
fn get_writers() -> Vec<Principal> {
    settings::writers()
}
