use crate::services::templates;
use canister_kit::{query, update, CallContext};
use icto_shared::distribution_factory::{DistributionFactoryError, TemplateInfo, TemplateUploadBegin};

#[update]
fn template_upload_begin(args: TemplateUploadBegin) -> Result<(), DistributionFactoryError> {
    templates::begin(&CallContext::current(), args)
}

/// Returns the bytes received so far.
#[update]
fn template_upload_chunk(chunk: serde_bytes::ByteBuf) -> Result<u64, DistributionFactoryError> {
    templates::chunk(&CallContext::current(), chunk.into_vec())
}

#[update]
fn template_upload_commit() -> Result<TemplateInfo, DistributionFactoryError> {
    templates::commit(&CallContext::current())
}

#[query]
fn list_templates() -> Vec<TemplateInfo> {
    templates::list()
}
