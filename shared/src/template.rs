//! Candid types of a factory's wasm templates (every factory uploads and versions its contract wasm the
//! same way, through the canister kit's template store): the upload's announcement and a stored version.

use candid::{CandidType, Deserialize};
use serde::Serialize;

/// Starts a chunked upload: the module's SHA-256 and size are announced first and checked at commit.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TemplateUploadBegin {
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
    pub total_size: u64,
    pub label: String,
    /// `MAJOR.MINOR.PATCH`; when given it must be above every earlier version's.
    pub semver: Option<String>,
    pub release_notes: Option<String>,
}

/// One committed template version. `version` counts uploads (1, 2, ...); the newest is the default.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TemplateInfo {
    pub version: u32,
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
    pub size: u64,
    pub label: String,
    pub uploaded_at: u64,
    pub semver: Option<String>,
    pub release_notes: Option<String>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeployKind {
    Install,
    Upgrade,
    Reinstall,
    /// An upgrade back to the version that ran before the last change.
    Rollback,
}

/// One code change of a contract canister, in its factory's per-contract history.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DeployRecord {
    pub version: u32,
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
    pub kind: DeployKind,
    pub at: u64,
}
