use crate::services::icrc3;
use icto_shared::token::{
    GetArchivesArgs, GetBlocksArgs, GetBlocksResult, ICRC3ArchiveInfo, ICRC3DataCertificate, SupportedBlockType,
};

#[ic_cdk::query]
fn icrc3_get_blocks(args: Vec<GetBlocksArgs>) -> GetBlocksResult {
    icrc3::get_blocks(args)
}

/// Blocks stay in this canister's stable memory: there are no archives.
#[ic_cdk::query]
fn icrc3_get_archives(_args: GetArchivesArgs) -> Vec<ICRC3ArchiveInfo> {
    vec![]
}

#[ic_cdk::query]
fn icrc3_supported_block_types() -> Vec<SupportedBlockType> {
    icrc3::supported_block_types()
}

/// The certificate exists only in (non-replicated) queries; `None` also while the log is empty.
#[ic_cdk::query]
fn icrc3_get_tip_certificate() -> Option<ICRC3DataCertificate> {
    let certificate = ic_cdk::api::data_certificate()?;
    let hash_tree = icrc3::tip_hash_tree()?;
    Some(ICRC3DataCertificate { certificate, hash_tree })
}
