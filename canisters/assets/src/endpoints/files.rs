use crate::services::files;
use canister_kit::{query, update, CallContext};
use icto_shared::assets::{AssetError, AssetInfo, CommitArgs, CommitSummary, StoreChunk};

#[update]
fn store(chunk: StoreChunk) -> Result<(), AssetError> {
    files::store(&CallContext::current(), chunk)
}

#[update]
fn commit(args: CommitArgs) -> Result<CommitSummary, AssetError> {
    files::commit(&CallContext::current(), args)
}

#[query]
fn list() -> Vec<AssetInfo> {
    files::list()
}
