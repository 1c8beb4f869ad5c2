//! Candid types of the distribution factory: the campaign request the backend forwards, the records and
//! pages the app reads (by creator, by recipient, all), its settings and typed errors (its template upload
//! uses `crate::template`, its kit failures `crate::kit::KitError`).

use crate::distribution::{CampaignConfig, DistributionError};
use crate::kit::KitError;
pub use crate::template::{TemplateInfo, TemplateUploadBegin};
use candid::{CandidType, Deserialize, Principal};
use serde::Serialize;

pub mod limits {
    pub const MAX_ADMINS: usize = 10;
    pub const MAX_PAGE: u64 = crate::pagination::MAX_PAGE;
    /// Cycles a new campaign canister starts with unless the admins set another amount.
    pub const DEFAULT_CYCLES_PER_CAMPAIGN: u128 = 1_000_000_000_000;
    /// A template chunk in `template_upload_chunk` (under the 2 MiB ingress limit).
    pub const MAX_CHUNK_BYTES: usize = 1_900_000;
    /// A template module (the kit installs modules above one message in chunks).
    pub const MAX_TEMPLATE_BYTES: u64 = 10 * 1024 * 1024;
}

/// Sent by the backend once the user paid: `creator` is the paying caller, never a principal the user chose.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateCampaignArgs {
    pub creator: Principal,
    pub config: CampaignConfig,
}

/// A campaign as the factory indexes it (the contract holds the live state: status, totals, claims).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CampaignRecord {
    pub canister_id: Principal,
    pub creator: Principal,
    pub token_ledger: Principal,
    pub title: String,
    /// Recipient rows in the creation request.
    pub initial_recipients: u64,
    #[serde(with = "serde_bytes")]
    pub template_sha256: Vec<u8>,
    pub created_at: u64,
    pub upgraded_at: Option<u64>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CampaignPage {
    pub items: Vec<CampaignRecord>,
    /// How many items the whole list holds.
    pub total: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct UpgradeCampaignArgs {
    pub canister_id: Principal,
    /// The template to move to (default: the newest).
    pub template_sha256: Option<serde_bytes::ByteBuf>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DistributionFactoryInitArgs {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_campaign: Option<u128>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DistributionFactorySettings {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_campaign: u128,
    pub campaign_count: u64,
    pub latest_template: Option<TemplateInfo>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum DistributionFactoryError {
    Unauthorized,
    /// The campaign request breaks a rule of the distribution contract.
    InvalidConfig(DistributionError),
    CampaignNotFound,
    /// An upgrade may only move a campaign forward (admins may roll back to the version before).
    NotNewerTemplate { current: u32, requested: u32 },
    /// Templates, cycles, canister creation and install, locks.
    Kit(KitError),
}

impl From<KitError> for DistributionFactoryError {
    fn from(e: KitError) -> Self {
        DistributionFactoryError::Kit(e)
    }
}

impl std::fmt::Display for DistributionFactoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DistributionFactoryError::InvalidConfig(e) => write!(f, "{e}"),
            DistributionFactoryError::Kit(e) => write!(f, "{e}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for DistributionFactoryError {}
