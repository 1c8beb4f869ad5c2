use crate::services::templates;
use canister_kit::{query, update, CallContext};
use icto_shared::token_factory::{FactoryError, TemplateInfo, TemplateUploadBegin};

#[update]
fn template_upload_begin(args: TemplateUploadBegin) -> Result<(), FactoryError> {
    templates::begin(&CallContext::current(), args)
}

/// Returns the bytes received so far.
#[update]
fn template_upload_chunk(chunk: serde_bytes::ByteBuf) -> Result<u64, FactoryError> {
    templates::chunk(&CallContext::current(), chunk.into_vec())
}

#[update]
fn template_upload_commit() -> Result<TemplateInfo, FactoryError> {
    templates::commit(&CallContext::current())
}

#[query]
fn list_templates() -> Vec<TemplateInfo> {
    templates::list()
}
