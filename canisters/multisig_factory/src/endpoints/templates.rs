//! Template upload by admins, the kit's (`canister_kit::factory`).

use crate::services::access::Wallets;
use canister_kit::factory;
use canister_kit::{query, update, CallContext};
use icto_shared::multisig_factory::{MultisigFactoryError, TemplateInfo, TemplateUploadBegin};

#[update]
fn template_upload_begin(args: TemplateUploadBegin) -> Result<(), MultisigFactoryError> {
    factory::template_upload_begin::<Wallets>(&CallContext::current(), args)
}

/// Returns the bytes received so far.
#[update]
fn template_upload_chunk(chunk: serde_bytes::ByteBuf) -> Result<u64, MultisigFactoryError> {
    factory::template_upload_chunk::<Wallets>(&CallContext::current(), chunk.into_vec())
}

#[update]
fn template_upload_commit() -> Result<TemplateInfo, MultisigFactoryError> {
    factory::template_upload_commit::<Wallets>(&CallContext::current())
}

#[query]
fn list_templates() -> Vec<TemplateInfo> {
    factory::list_templates::<Wallets>()
}
