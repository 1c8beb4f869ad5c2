//! Template upload by admins, the kit's (`canister_kit::factory`).

use crate::services::access::Campaigns;
use canister_kit::factory;
use canister_kit::{query, update, CallContext};
use icto_shared::distribution_factory::{DistributionFactoryError, TemplateInfo, TemplateUploadBegin};

#[update]
fn template_upload_begin(args: TemplateUploadBegin) -> Result<(), DistributionFactoryError> {
    factory::template_upload_begin::<Campaigns>(&CallContext::current(), args)
}

/// Returns the bytes received so far.
#[update]
fn template_upload_chunk(chunk: serde_bytes::ByteBuf) -> Result<u64, DistributionFactoryError> {
    factory::template_upload_chunk::<Campaigns>(&CallContext::current(), chunk.into_vec())
}

#[update]
fn template_upload_commit() -> Result<TemplateInfo, DistributionFactoryError> {
    factory::template_upload_commit::<Campaigns>(&CallContext::current())
}

#[query]
fn list_templates() -> Vec<TemplateInfo> {
    factory::list_templates::<Campaigns>()
}
