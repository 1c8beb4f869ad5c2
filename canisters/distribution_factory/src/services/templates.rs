//! Template upload in chunks by an admin (the kit's template store does the checks): begin with the
//! expected SHA-256 and size, chunks, commit (the newest version from then on).

use super::access::require_admin;
use crate::repositories::templates;
use canister_kit::CallContext;
use icto_shared::distribution_factory::{DistributionFactoryError as Error, TemplateInfo, TemplateUploadBegin};

pub fn begin(ctx: &CallContext, args: TemplateUploadBegin) -> Result<(), Error> {
    require_admin(ctx)?;
    Ok(templates::with(|t| t.begin(args))?)
}

/// Returns the bytes received so far.
pub fn chunk(ctx: &CallContext, bytes: Vec<u8>) -> Result<u64, Error> {
    require_admin(ctx)?;
    Ok(templates::with(|t| t.chunk(bytes))?)
}

pub fn commit(ctx: &CallContext) -> Result<TemplateInfo, Error> {
    require_admin(ctx)?;
    Ok(templates::with(|t| t.commit(ctx.now))?)
}

pub fn list() -> Vec<TemplateInfo> {
    templates::with(|t| t.list())
}
