//! The factory's own settings and counters, plus the template upload in progress.

use candid::{CandidType, Deserialize, Principal};

pub const DEFAULT_CYCLES_PER_TOKEN: u128 = 2_000_000_000_000;

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct UploadSession {
    pub version: u32,
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
    pub total_size: u64,
    pub label: String,
    pub received: u64,
    pub chunks: u32,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct FactoryState {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_token: u128,
    pub latest_template: Option<u32>,
    pub upload: Option<UploadSession>,
}

impl Default for FactoryState {
    fn default() -> Self {
        FactoryState {
            admins: vec![],
            backend: None,
            cycles_per_token: DEFAULT_CYCLES_PER_TOKEN,
            latest_template: None,
            upload: None,
        }
    }
}
