//! Candid interface of the assets canister's upload path (used by the canister and the deploy tool).

use candid::{CandidType, Deserialize};
use serde::Serialize;

/// Encodings the canister accepts; the uploader sends `gzip` only where it is smaller than `identity`.
pub const ENCODING_IDENTITY: &str = "identity";
pub const ENCODING_GZIP: &str = "gzip";
/// The largest file (one encoding of it) the assets canister keeps: a file is served in one query reply,
/// which the IC caps near 3 MiB. A build file larger than this is uploaded gzip-encoded only.
pub const MAX_FILE_BYTES: u64 = 3_000_000;

/// One chunk of one encoding of one file. `chunk_index` 0 starts (or restarts) the staged file; the next
/// chunks must follow in order. Nothing is served until `commit`.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct StoreChunk {
    pub path: String,
    pub content_type: String,
    pub content_encoding: String,
    pub chunk_index: u32,
    #[serde(with = "serde_bytes")]
    pub chunk: Vec<u8>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CommitArgs {
    /// Remove live files that were not staged in this upload (a full sync of a build directory).
    pub remove_missing: bool,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CommitSummary {
    pub files: u32,
    pub removed: u32,
    /// Certified data after the commit: the root hash of the HTTP certification tree.
    #[serde(with = "serde_bytes")]
    pub root_hash: Vec<u8>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct EncodingInfo {
    pub encoding: String,
    pub length: u64,
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct AssetInfo {
    pub path: String,
    pub content_type: String,
    pub encodings: Vec<EncodingInfo>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum AssetError {
    NotController,
    InvalidPath(String),
    InvalidContentType(String),
    UnsupportedEncoding(String),
    ChunkOutOfOrder { expected: u32, got: u32 },
    TooLarge { limit: u64 },
    TooManyFiles { limit: u32 },
    NothingStaged,
}
