//! Candid types of the multisig factory: the wallet request the backend forwards, the records and
//! pages the app reads (by creator, by signer, by observer, all), its settings and typed errors (its template upload
//! uses `crate::template`, its kit failures `crate::kit::KitError`).

use crate::multisig::{MultisigError, WalletConfig};
use crate::kit::KitError;
pub use crate::template::{TemplateInfo, TemplateUploadBegin};
use candid::{CandidType, Deserialize, Principal};
use serde::Serialize;

pub mod limits {
    pub const MAX_ADMINS: usize = 10;
    pub const MAX_PAGE: u64 = crate::pagination::MAX_PAGE;
    /// Cycles a new wallet canister starts with unless the admins set another amount.
    pub const DEFAULT_CYCLES_PER_WALLET: u128 = 1_000_000_000_000;
    /// A template chunk in `template_upload_chunk` (under the 2 MiB ingress limit).
    pub const MAX_CHUNK_BYTES: usize = 1_900_000;
    /// A template module (the kit installs modules above one message in chunks).
    pub const MAX_TEMPLATE_BYTES: u64 = 10 * 1024 * 1024;
}

/// Sent by the backend once the user paid: `creator` is the paying caller, never a principal the user chose.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateWalletArgs {
    pub creator: Principal,
    pub config: WalletConfig,
}

/// A wallet as the factory indexes it (the wallet holds the live state: members, threshold, proposals).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct WalletRecord {
    pub canister_id: Principal,
    pub creator: Principal,
    pub name: String,
    /// Signers and threshold at creation (the wallet holds the current ones).
    pub initial_signers: u32,
    pub initial_threshold: u32,
    #[serde(with = "serde_bytes")]
    pub template_sha256: Vec<u8>,
    pub created_at: u64,
    pub upgraded_at: Option<u64>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct WalletPage {
    pub items: Vec<WalletRecord>,
    /// How many items the whole list holds.
    pub total: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct UpgradeWalletArgs {
    pub canister_id: Principal,
    /// The template to move to (default: the newest).
    pub template_sha256: Option<serde_bytes::ByteBuf>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct MultisigFactoryInitArgs {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_wallet: Option<u128>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct MultisigFactorySettings {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_wallet: u128,
    pub wallet_count: u64,
    pub latest_template: Option<TemplateInfo>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum MultisigFactoryError {
    Unauthorized,
    /// The wallet request breaks a rule of the multisig wallet.
    InvalidConfig(MultisigError),
    WalletNotFound,
    /// An upgrade may only move a wallet forward (admins may roll back to the version before).
    NotNewerTemplate { current: u32, requested: u32 },
    /// Templates, cycles, canister creation and install, locks.
    Kit(KitError),
}

impl From<KitError> for MultisigFactoryError {
    fn from(e: KitError) -> Self {
        MultisigFactoryError::Kit(e)
    }
}

impl std::fmt::Display for MultisigFactoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MultisigFactoryError::InvalidConfig(e) => write!(f, "{e}"),
            MultisigFactoryError::Kit(e) => write!(f, "{e}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for MultisigFactoryError {}
