use crate::services::{admin, templates};
use candid::{Nat, Principal};
use icto_shared::factory::{FactoryError, TemplateInfo, TemplateUploadBegin};

fn caller() -> Principal {
    ic_cdk::api::msg_caller()
}

#[ic_cdk::update]
fn set_backend(backend: Option<Principal>) -> Result<(), FactoryError> {
    admin::set_backend(caller(), backend)
}

#[ic_cdk::update]
fn set_admins(admins: Vec<Principal>) -> Result<(), FactoryError> {
    admin::set_admins(caller(), admins)
}

#[ic_cdk::update]
fn set_cycles_per_token(cycles: Nat) -> Result<(), FactoryError> {
    let cycles = u128::try_from(&cycles.0).map_err(|_| FactoryError::InvalidArgument("too many cycles".into()))?;
    admin::set_cycles_per_token(caller(), cycles)
}

#[ic_cdk::update]
fn template_upload_begin(args: TemplateUploadBegin) -> Result<(), FactoryError> {
    templates::begin(caller(), args)
}

/// Returns the bytes received so far.
#[ic_cdk::update]
fn template_upload_chunk(chunk: serde_bytes::ByteBuf) -> Result<u64, FactoryError> {
    templates::chunk(caller(), chunk.into_vec())
}

#[ic_cdk::update]
fn template_upload_commit() -> Result<TemplateInfo, FactoryError> {
    templates::commit(caller(), ic_cdk::api::time())
}
