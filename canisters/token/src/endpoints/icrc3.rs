use crate::services::icrc3;
use icto_shared::token::{
    GetArchivesArgs, GetBlocksArgs, GetBlocksResult, ICRC3ArchiveInfo, ICRC3DataCertificate, SupportedBlockType,
};

/// The Candid signatures (for the interface export: `decode_with` would show the arguments as `blob`).
#[candid::candid_method(query, rename = "icrc3_get_blocks")]
#[allow(dead_code, unused_variables)]
fn icrc3_get_blocks_signature(args: Vec<GetBlocksArgs>) -> GetBlocksResult {
    unreachable!("served by icrc3_get_blocks")
}

/// Blocks stay in this canister's stable memory: there are no archives.
#[candid::candid_method(query, rename = "icrc3_get_archives")]
#[allow(dead_code, unused_variables)]
fn icrc3_get_archives_signature(args: GetArchivesArgs) -> Vec<ICRC3ArchiveInfo> {
    unreachable!("served by icrc3_get_archives")
}

/// Decoded with quotas (`wire::args`), as every argument.
#[ic_cdk::query(decode_with = "crate::wire::args::get_blocks_arg", hidden = true)]
fn icrc3_get_blocks(args: Vec<GetBlocksArgs>) -> GetBlocksResult {
    icrc3::get_blocks(args)
}

#[ic_cdk::query(decode_with = "crate::wire::args::get_archives_arg", hidden = true)]
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
