//! Candid types of the token factory: the token config the backend sends, the records the dashboard reads,
//! its settings and typed errors (its template upload uses `crate::template`).

use crate::kit::KitError;
pub use crate::template::{TemplateInfo, TemplateUploadBegin};
use crate::token::Account;
use candid::{CandidType, Deserialize, Nat, Principal};
use serde::Serialize;

/// Limits the factory enforces on a token config; exported so the app can validate before sending.
pub mod limits {
    pub const NAME_MIN_CHARS: usize = 3;
    pub const NAME_MAX_CHARS: usize = 32;
    pub const SYMBOL_MIN_CHARS: usize = 2;
    pub const SYMBOL_MAX_CHARS: usize = 8;
    pub const MAX_DECIMALS: u8 = 18;
    pub const MAX_LOGO_BYTES: usize = 30 * 1024;
    pub const MAX_DESCRIPTION_CHARS: usize = 1_000;
    pub const MAX_WEBSITE_CHARS: usize = 200;
    pub const MAX_INITIAL_BALANCES: usize = 1_000;
    pub const MAX_PAGE: u64 = crate::pagination::MAX_PAGE;
    /// install_code goes out in one inter-canister call, whose payload is limited to 2 MB.
    pub const MAX_TEMPLATE_BYTES: u64 = 1_990_000;
    pub const MAX_CHUNK_BYTES: usize = 1_900_000;
    pub const MAX_ADMINS: usize = 10;
    pub const MAX_LABEL_CHARS: usize = 64;
}

/// The minting account a token gets when its config names none: the owner's principal with this
/// subaccount, so the owner's default account can still hold tokens.
pub const DEFAULT_MINTING_SUBACCOUNT: [u8; 32] = *b"icto-token-minting-account\0\0\0\0\0\0";

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TokenConfig {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub transfer_fee: Nat,
    /// A data URL (e.g. `data:image/png;base64,...`), stored as the token's `icrc1:logo`.
    pub logo: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub initial_balances: Vec<(Account, Nat)>,
    /// Defaults to the owner with `DEFAULT_MINTING_SUBACCOUNT`. Must be absent with `fixed_supply`.
    pub minting_account: Option<Account>,
    pub fee_collector: Option<Account>,
    /// No tokens can ever be minted after the initial balances: the minting account is the ledger's
    /// own canister id, which never sends a call (burning still works). Default: false.
    pub fixed_supply: Option<bool>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateTokenArgs {
    /// The user the backend creates the token for (the backend is trusted to have authenticated them).
    pub owner: Principal,
    pub config: TokenConfig,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TokenRecord {
    pub canister_id: Principal,
    pub owner: Principal,
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub transfer_fee: Nat,
    pub initial_supply: Nat,
    pub has_logo: bool,
    pub description: Option<String>,
    pub website: Option<String>,
    #[serde(with = "serde_bytes")]
    pub template_sha256: Vec<u8>,
    pub created_at: u64,
    pub upgraded_at: Option<u64>,
    /// Whether the supply is fixed (see `TokenConfig::fixed_supply`); absent for tokens created before
    /// the option existed (they have a minting account).
    pub fixed_supply: Option<bool>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TokenPage {
    pub items: Vec<TokenRecord>,
    pub total: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct UpgradeTokenArgs {
    pub canister_id: Principal,
    /// Defaults to the newest template.
    pub template_sha256: Option<serde_bytes::ByteBuf>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct FactoryInitArgs {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    /// Cycles given to each new token canister; default 2T.
    pub cycles_per_token: Option<u128>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct FactorySettings {
    pub admins: Vec<Principal>,
    pub backend: Option<Principal>,
    pub cycles_per_token: u128,
    pub token_count: u64,
    pub latest_template: Option<TemplateInfo>,
    /// Token canisters whose install failed, kept (with their cycles) for the next tokens.
    pub spare_canisters: Vec<Principal>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    NameLength { min: u32, max: u32 },
    SymbolLength { min: u32, max: u32 },
    SymbolCharacters,
    DecimalsTooLarge { max: u8 },
    LogoTooLarge { max_bytes: u64 },
    LogoNotDataUrl,
    DescriptionTooLong { max: u32 },
    WebsiteTooLong { max: u32 },
    FeeTooLarge,
    TooManyInitialBalances { max: u32 },
    InitialBalanceTooLarge { index: u32 },
    InitialBalancesOverflow,
    BalanceForMintingAccount { index: u32 },
    /// The owner or the minting account is the anonymous principal (anyone could act as it).
    AnonymousOwner,
    AnonymousMintingAccount,
    /// A zero transfer fee lets anyone fill the ledger with free transactions.
    ZeroFee,
    /// Control characters or bidirectional-text overrides (which make a name display as another).
    NameCharacters,
    DescriptionCharacters,
    /// A symbol of a well-known token (ICP, ckBTC, ...) or in the chain-key style (`ck` + capitals).
    ReservedSymbol(String),
    /// The website must be an `https://` URL with a host name.
    WebsiteNotHttpsUrl,
    FeeCollectorIsMintingAccount,
    /// `fixed_supply` sets the minting account itself.
    MintingAccountWithFixedSupply,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum FactoryError {
    Unauthorized,
    InvalidConfig(ConfigError),
    NoTemplate,
    TemplateNotFound,
    UploadNotStarted,
    UploadTooLarge { max_bytes: u64 },
    ChunkTooLarge { max_bytes: u64 },
    HashMismatch {
        #[serde(with = "serde_bytes")]
        expected: Vec<u8>,
        #[serde(with = "serde_bytes")]
        actual: Vec<u8>,
    },
    InvalidArgument(String),
    InsufficientCycles { balance: Nat, required: Nat },
    TokenNotFound,
    OperationInProgress,
    CreateCanisterFailed(String),
    InstallFailed(String),
    UpgradeFailed(String),
    /// A token only moves to a newer template; an admin may roll it back to the version before.
    NotNewerTemplate { current: u32, requested: u32 },
}

impl From<KitError> for FactoryError {
    fn from(e: KitError) -> Self {
        match e {
            KitError::InvalidArgument(why) => FactoryError::InvalidArgument(why),
            KitError::UploadNotStarted => FactoryError::UploadNotStarted,
            KitError::UploadTooLarge { max_bytes } => FactoryError::UploadTooLarge { max_bytes },
            KitError::ChunkTooLarge { max_bytes } => FactoryError::ChunkTooLarge { max_bytes },
            KitError::HashMismatch { expected, actual } => FactoryError::HashMismatch { expected, actual },
            KitError::NoTemplate => FactoryError::NoTemplate,
            KitError::TemplateNotFound => FactoryError::TemplateNotFound,
            KitError::InsufficientCycles { balance, required } => FactoryError::InsufficientCycles { balance, required },
            KitError::CreateCanisterFailed(why) => FactoryError::CreateCanisterFailed(why),
            KitError::InstallFailed(why) => FactoryError::InstallFailed(why),
            KitError::UpgradeFailed(why) => FactoryError::UpgradeFailed(why),
            KitError::NothingToRollBack => FactoryError::InvalidArgument("the token has no earlier template".into()),
            KitError::OperationInProgress => FactoryError::OperationInProgress,
        }
    }
}
