//! Candid types of the backend gateway: the paid deployment (request, status, errors), its config (fees,
//! cycles, flags, admins, factories, payment ledger, rate limits) and the registry of who relates to which
//! contract.

use crate::contract::ContractType;
use crate::distribution::{CampaignConfig, DistributionError};
use crate::multisig::{MultisigError, WalletConfig};
use crate::role::Role;
use crate::token_factory::{ConfigError, TokenConfig};
use candid::{CandidType, Deserialize, Nat, Principal};
use serde::Serialize;

pub mod limits {
    /// A request key is the client's idempotency key (a UUID is 36 bytes).
    pub const MAX_REQUEST_KEY_BYTES: usize = 64;
    pub const MAX_ADMINS: usize = 10;
    /// Relationship changes in one report.
    pub const MAX_REPORT_CHANGES: usize = 100;
    /// Relationships one user may hold in the registry (so `get_related_canisters` fits one reply).
    pub const MAX_RELATIONSHIPS_PER_USER: u32 = 10_000;
    pub const MAX_PAGE: u64 = crate::pagination::MAX_PAGE;
}

/// What a deployment asks for: the typed request of one contract type.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum ContractRequest {
    Token(TokenConfig),
    Distribution(CampaignConfig),
    Multisig(WalletConfig),
}

impl ContractRequest {
    pub fn contract_type(&self) -> ContractType {
        match self {
            ContractRequest::Token(_) => ContractType::Token,
            ContractRequest::Distribution(_) => ContractType::Distribution,
            ContractRequest::Multisig(_) => ContractType::Multisig,
        }
    }
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DeployRequest {
    /// Chosen by the client, unique per request of this user: a resubmission with the same key returns
    /// the first outcome and is charged at most once.
    pub request_key: String,
    pub contract: ContractRequest,
}

/// The steps of a paid deployment, in order.
#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeployStep {
    /// Validated and recorded; nothing charged yet.
    Accepted,
    /// The fee was taken with `icrc2_transfer_from`.
    Charged,
    /// The factory created the contract.
    ContractCreated,
    /// The user's ownership is in the registry.
    Registered,
}

/// The step after the charge that failed (and so was refunded).
#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailedStep {
    /// The factory call was rejected (stopped, frozen, out of cycles, trapped) or returned an error.
    Factory,
    /// The relationship could not be written to the registry.
    Registry,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum RefundState {
    /// Not done yet: retried by a timer with backoff until the ledger accepts it.
    Pending { attempts: u32, last_error: Option<String>, next_attempt_at: u64 },
    Refunded { block: Nat, at: u64 },
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Refund {
    /// The fee minus the ledger's fee for the refund transfer.
    pub amount: Nat,
    pub state: RefundState,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum DeployOutcome {
    InProgress,
    Succeeded { canister_id: Principal },
    Failed { step: FailedStep, reason: String },
}

/// A deployment as the progress view polls it.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DeploymentStatus {
    pub request_key: String,
    pub user: Principal,
    pub contract_type: ContractType,
    pub fee: Nat,
    pub created_at: u64,
    pub steps_done: Vec<DeployStep>,
    /// The ledger block of the charge.
    pub charge_block: Option<Nat>,
    pub canister_id: Option<Principal>,
    pub outcome: DeployOutcome,
    pub refund: Option<Refund>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum PaymentError {
    /// The user approved less than the fee plus the ledger fee for the backend.
    InsufficientAllowance { allowance: Nat, required: Nat },
    InsufficientFunds { balance: Nat },
    /// The ledger refused or could not be reached; nothing was charged.
    Ledger(String),
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum DeployError {
    /// The anonymous principal cannot pay or own contracts.
    AnonymousCaller,
    InvalidRequestKey { max_bytes: u32 },
    /// This user already used the key for a different request.
    RequestKeyConflict,
    InvalidConfig(ConfigError),
    /// The campaign request breaks a rule of the distribution contract.
    InvalidCampaign(DistributionError),
    /// The wallet request breaks a rule of the multisig wallet.
    InvalidWallet(MultisigError),
    ContractTypeDisabled(ContractType),
    /// No factory is configured for the type.
    ContractTypeNotConfigured(ContractType),
    RateLimited { retry_after_seconds: u64 },
    /// Another deployment of this user is between its steps; try again when it is done.
    UserBusy,
    /// A submission with this key is running: its status so far (poll `get_deployment`).
    InProgress(DeploymentStatus),
    /// Nothing was charged.
    Payment(PaymentError),
    /// A step after the charge failed: the fee is refunded (or the refund is pending, retried by a timer).
    Failed { step: FailedStep, reason: String, refund: Refund },
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ContractTypeSettings {
    /// The fee in the payment token's smallest unit.
    pub fee: Nat,
    /// Cycles one deployment of this type burns (shown beside the fee).
    pub cycles: u128,
    /// A disabled type is refused before any charge.
    pub enabled: bool,
    /// The factory that deploys it (whitelisted: it may report relationships).
    pub factory: Option<Principal>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    pub window_seconds: u64,
    /// Deployments one user may start per window.
    pub per_user: u32,
    /// Deployments all users together may start per window.
    pub global: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits { window_seconds: 3_600, per_user: 20, global: 1_000 }
    }
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct PaymentSettings {
    /// The ICRC-2 ledger fees are paid in (the ICP ledger on mainnet).
    pub ledger: Principal,
    /// The ledger's transfer fee.
    pub ledger_fee: Nat,
    pub decimals: u8,
    /// Cycles one whole payment token buys (on mainnet the ICP/XDR rate times 10^12): a fee must cover
    /// its type's cycles at this rate.
    pub cycles_per_token: u128,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct BackendInitArgs {
    pub admins: Vec<Principal>,
    pub payment: PaymentSettings,
    pub rate_limits: Option<RateLimits>,
    pub storages: Option<Storages>,
}

/// Where the backend sends audit entries and invoices (through its outbox, retried until acknowledged).
#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Storages {
    pub audit: Option<Principal>,
    pub invoice: Option<Principal>,
}

/// Records waiting in the backend's outbox for their storage to acknowledge them.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct OutboxStatus {
    pub audit_events: u64,
    pub invoices: u64,
    /// Why the last flush failed, if it did.
    pub last_error: Option<String>,
}

/// The settings anyone may read.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct BackendConfig {
    pub admins: Vec<Principal>,
    pub payment: PaymentSettings,
    pub contract_types: Vec<(ContractType, ContractTypeSettings)>,
    pub rate_limits: RateLimits,
    pub storages: Storages,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    Unauthorized,
    InvalidArgument(String),
    /// The fee does not pay for the cycles its deployment burns.
    FeeBelowCycleCost { min_fee: Nat },
    /// The user already holds the most relationships the registry keeps per user.
    RegistryFull { max: u32 },
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationshipAction {
    Add,
    Remove,
}

/// A change a factory reports: `user` gained or lost `role` at `contract` (of the factory's type).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RelationshipChange {
    pub user: Principal,
    pub role: Role,
    pub contract: Principal,
    pub action: RelationshipAction,
}

/// What a contract reports to its factory: `user` gained or lost `role` at the calling contract.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RoleChange {
    pub user: Principal,
    pub role: Role,
    pub action: RelationshipAction,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RelatedGroup {
    pub contract_type: ContractType,
    pub role: Role,
    pub canisters: Vec<Principal>,
}

/// Every relationship of a user, grouped by contract type and role.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RelatedCanisters {
    pub groups: Vec<RelatedGroup>,
    pub total: u32,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DeploymentPage {
    pub items: Vec<DeploymentStatus>,
    pub total: u64,
}
