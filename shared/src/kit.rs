//! Errors of the canister kit's shared machinery (template uploads, contract deploys, in-flight locks,
//! argument decoding). Each canister converts them into its own error type (see `From` impls beside
//! each canister's error); later factories may also return them as they are.

use candid::{CandidType, Deserialize, Nat};
use serde::Serialize;

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum KitError {
    InvalidArgument(String),
    /// A chunk or commit came without `template_upload_begin`.
    UploadNotStarted,
    UploadTooLarge { max_bytes: u64 },
    ChunkTooLarge { max_bytes: u64 },
    /// The committed bytes are not the announced module (size or SHA-256 differ).
    HashMismatch {
        #[serde(with = "serde_bytes")]
        expected: Vec<u8>,
        #[serde(with = "serde_bytes")]
        actual: Vec<u8>,
    },
    /// No template has been committed yet.
    NoTemplate,
    TemplateNotFound,
    InsufficientCycles { balance: Nat, required: Nat },
    CreateCanisterFailed(String),
    InstallFailed(String),
    UpgradeFailed(String),
    /// The contract has no earlier version to go back to.
    NothingToRollBack,
    /// Another call holds the lock on this key while it awaits; try again when it is done.
    OperationInProgress,
}

impl std::fmt::Display for KitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for KitError {}
