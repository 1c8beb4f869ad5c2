//! Template upload by admins, the kit's (`canister_kit::factory`).

use crate::services::access::Tokens;
use canister_kit::factory;
use canister_kit::{query, update, CallContext};
use icto_shared::token_factory::{FactoryError, TemplateInfo, TemplateUploadBegin};

#[update]
fn template_upload_begin(args: TemplateUploadBegin) -> Result<(), FactoryError> {
    factory::template_upload_begin::<Tokens>(&CallContext::current(), args)
}

/// Returns the bytes received so far.
#[update]
fn template_upload_chunk(chunk: serde_bytes::ByteBuf) -> Result<u64, FactoryError> {
    factory::template_upload_chunk::<Tokens>(&CallContext::current(), chunk.into_vec())
}

#[update]
fn template_upload_commit() -> Result<TemplateInfo, FactoryError> {
    factory::template_upload_commit::<Tokens>(&CallContext::current())
}

#[query]
fn list_templates() -> Vec<TemplateInfo> {
    factory::list_templates::<Tokens>()
}
