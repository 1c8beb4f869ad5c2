//! ICRC-3 reads: blocks as generic values, the block types, and the tip that `certified_data` covers.

use crate::hashing::hash_tree::tip_tree_cbor;
use crate::models::block::Block;
use crate::repositories::{blocks, tip};
use candid::Nat;
use icto_shared::token::{BlockWithId, GetBlocksArgs, GetBlocksResult, SupportedBlockType};

/// Most blocks one response carries (keeps a query within its instruction and size limits).
pub const MAX_BLOCKS_PER_RESPONSE: u64 = 1_000;
pub const MAX_RANGES: usize = 100;

fn to_u64(n: &Nat) -> u64 {
    u64::try_from(&n.0).unwrap_or(u64::MAX)
}

pub fn get_blocks(ranges: Vec<GetBlocksArgs>) -> GetBlocksResult {
    let len = blocks::len();
    let mut budget = MAX_BLOCKS_PER_RESPONSE;
    let mut out = Vec::new();
    for range in ranges.iter().take(MAX_RANGES) {
        let start = to_u64(&range.start);
        let end = start.saturating_add(to_u64(&range.length)).min(len);
        let mut i = start;
        while i < end && budget > 0 {
            let bytes = blocks::get(i).expect("index below log length");
            out.push(BlockWithId { id: Nat::from(i), block: Block::decode(&bytes).to_value() });
            i += 1;
            budget -= 1;
        }
    }
    GetBlocksResult { log_length: Nat::from(len), blocks: out, archived_blocks: vec![] }
}

pub fn supported_block_types() -> Vec<SupportedBlockType> {
    let url = "https://github.com/dfinity/ICRC-1/blob/main/standards/ICRC-3/README.md";
    // 2burn: `icrc2_transfer_from` to the minting account (a burn block with `tx.spender`).
    ["1burn", "1mint", "1xfer", "2approve", "2burn", "2xfer"]
        .into_iter()
        .map(|t| SupportedBlockType { block_type: t.into(), url: url.into() })
        .collect()
}

/// The CBOR hash tree of the tip, or `None` while the log is empty.
pub fn tip_hash_tree() -> Option<Vec<u8>> {
    let len = blocks::len();
    let hash = tip::get().last_hash?;
    (len > 0).then(|| tip_tree_cbor(len - 1, &hash))
}
