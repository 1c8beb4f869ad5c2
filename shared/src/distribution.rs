//! Candid types of a distribution contract: one canister per campaign, paying a fixed list of recipients
//! from its own balance on a token ledger as their allocations vest (`crate::vesting`).

use crate::kit::KitError;
use crate::token::{Subaccount, TransferError};
use crate::vesting::{VestingError, VestingSchedule};
use candid::{CandidType, Deserialize, Nat, Principal};
use serde::Serialize;

/// Limits the contract enforces; exported so the app can validate before sending.
pub mod limits {
    pub const TITLE_MIN_CHARS: usize = 1;
    pub const TITLE_MAX_CHARS: usize = 100;
    pub const CATEGORY_NAME_MAX_CHARS: usize = 50;
    pub const MIN_CATEGORIES: usize = 1;
    pub const MAX_CATEGORIES: usize = 10;
    /// Recipient rows in one `add_recipients` call (or in the init argument): 10,000 rows of at most ~90
    /// Candid bytes each stay under 1 MiB, half the 2 MiB message limit.
    pub const MAX_BATCH: usize = 10_000;
    /// Recipient rows in a creation request (it travels through the backend and the factory; the rest
    /// are added with `add_recipients`).
    pub const MAX_CREATE_RECIPIENTS: usize = 1_000;
    /// Recipient rows in one campaign.
    pub const MAX_RECIPIENTS: u64 = 100_000;
    /// Rows one principal may hold (across subaccounts and categories), so `get_my_allocation` and a claim
    /// stay small.
    pub const MAX_ENTRIES_PER_OWNER: usize = 100;
    pub const MAX_PAGE: u64 = crate::pagination::MAX_PAGE;
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub schedule: VestingSchedule,
}

/// One allocation: `amount` for the account (owner, subaccount) under the category at index `category`.
/// An owner may hold several rows (other subaccounts or categories); (account, category) is unique.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RecipientEntry {
    pub owner: Principal,
    #[serde(default, deserialize_with = "crate::token::subaccount_serde::deserialize")]
    pub subaccount: Option<Subaccount>,
    pub category: u32,
    pub amount: Nat,
}

/// Self-registration: while the window is open and the campaign not yet active, a principal (any, or
/// only a whitelisted one) adds itself as a recipient of `amount` under `category`, up to `max_registrants`.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    /// IC time (nanoseconds since the Unix epoch): registration is open in [opens_at, closes_at).
    pub opens_at: u64,
    pub closes_at: u64,
    pub max_registrants: u64,
    pub category: u32,
    /// Each registrant's allocation.
    pub amount: Nat,
    /// Only principals on the whitelist may register (the list is `whitelist` plus what the creator adds
    /// with `add_to_whitelist` before the window closes).
    pub whitelist_only: bool,
    /// At most `limits::MAX_CREATE_RECIPIENTS` here.
    pub whitelist: Vec<Principal>,
}

impl Registration {
    pub fn validate(&self, categories: usize) -> Result<(), DistributionError> {
        let invalid = |reason: &str| Err(DistributionError::InvalidRegistration { reason: reason.into() });
        if self.closes_at <= self.opens_at {
            return invalid("the window must close after it opens");
        }
        if self.max_registrants == 0 || self.max_registrants > limits::MAX_RECIPIENTS {
            return invalid(&format!("the number of registrants must be between 1 and {}", limits::MAX_RECIPIENTS));
        }
        if self.category as usize >= categories {
            return invalid("the registrants' category does not exist");
        }
        match u128::try_from(&self.amount.0) {
            Ok(0) => return invalid("each registrant's amount must be above 0"),
            Ok(a) if a.checked_mul(u128::from(self.max_registrants)).is_none() => {
                return invalid("the amount times the number of registrants is too large")
            }
            Err(_) => return invalid("each registrant's amount is too large"),
            Ok(_) => {}
        }
        if self.whitelist.len() > limits::MAX_CREATE_RECIPIENTS {
            return invalid(&format!("at most {} whitelisted principals at creation (add more later)", limits::MAX_CREATE_RECIPIENTS));
        }
        if self.whitelist.contains(&Principal::anonymous()) {
            return invalid("the anonymous principal cannot be whitelisted");
        }
        Ok(())
    }

    pub fn is_open(&self, now: u64) -> bool {
        (self.opens_at..self.closes_at).contains(&now)
    }
}

/// The registration as `get_campaign` shows it.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RegistrationInfo {
    pub opens_at: u64,
    pub closes_at: u64,
    pub max_registrants: u64,
    pub category: u32,
    pub amount: Nat,
    pub whitelist_only: bool,
    pub registered: u64,
    pub whitelisted: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DistributionInitArgs {
    /// The factory that deployed the contract (its controller in production); relationship changes are
    /// reported to it.
    pub factory: Principal,
    pub creator: Principal,
    pub token_ledger: Principal,
    pub title: String,
    pub categories: Vec<Category>,
    pub recipients: Vec<RecipientEntry>,
    pub allow_pause: bool,
    pub allow_cancel: bool,
    /// Self-registration, if the campaign takes it.
    pub registration: Option<Registration>,
}

impl DistributionInitArgs {
    /// The contract's init argument for a campaign the factory deploys for `creator`.
    pub fn new(factory: Principal, creator: Principal, config: CampaignConfig) -> Self {
        DistributionInitArgs {
            factory,
            creator,
            token_ledger: config.token_ledger,
            title: config.title,
            categories: config.categories,
            recipients: config.recipients,
            allow_pause: config.allow_pause,
            allow_cancel: config.allow_cancel,
            registration: config.registration,
        }
    }

    /// Everything but the recipient rows (which the contract checks against what it stores).
    pub fn validate_header(&self) -> Result<(), DistributionError> {
        for (who, p) in [("creator", self.creator), ("factory", self.factory), ("token ledger", self.token_ledger)] {
            if p == Principal::anonymous() {
                return Err(DistributionError::InvalidArgument(format!("the {who} cannot be the anonymous principal")));
            }
        }
        validate_header(&self.title, &self.categories)?;
        match &self.registration {
            Some(r) => r.validate(self.categories.len()),
            None => Ok(()),
        }
    }
}

/// What a user asks the platform to create (through the backend's paid flow): a campaign without the
/// parties the platform fills in (the factory, and the paying user as creator).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CampaignConfig {
    pub token_ledger: Principal,
    pub title: String,
    pub categories: Vec<Category>,
    /// At most `limits::MAX_CREATE_RECIPIENTS` here; more are added with `add_recipients` before activation.
    pub recipients: Vec<RecipientEntry>,
    pub allow_pause: bool,
    pub allow_cancel: bool,
    /// Self-registration, if recipients may add themselves.
    pub registration: Option<Registration>,
}

impl CampaignConfig {
    /// Every check that needs no stored state: the backend runs it before charging, the factory before
    /// creating, the contract again in `init`.
    pub fn validate(&self, creator: Principal) -> Result<(), DistributionError> {
        if self.recipients.len() > limits::MAX_CREATE_RECIPIENTS {
            return Err(DistributionError::BatchTooLarge { max: limits::MAX_CREATE_RECIPIENTS as u32 });
        }
        DistributionInitArgs::new(creator, creator, self.clone()).validate_header()?;
        let mut keys = std::collections::BTreeSet::new();
        let mut per_owner: std::collections::BTreeMap<Principal, usize> = std::collections::BTreeMap::new();
        let mut total: u128 = 0;
        for (i, e) in self.recipients.iter().enumerate() {
            let row = i as u32;
            let amount = check_row(row, self.categories.len(), e)?;
            total = total.checked_add(amount).ok_or(DistributionError::AmountTooLarge { row })?;
            if !keys.insert((e.owner, e.subaccount, e.category)) {
                return Err(DistributionError::DuplicateRecipient { row });
            }
            let held = per_owner.entry(e.owner).or_default();
            *held += 1;
            if *held > limits::MAX_ENTRIES_PER_OWNER {
                return Err(DistributionError::TooManyEntriesForOwner { row, max: limits::MAX_ENTRIES_PER_OWNER as u32 });
            }
        }
        Ok(())
    }
}

/// The title and the categories with their schedules.
pub fn validate_header(title: &str, categories: &[Category]) -> Result<(), DistributionError> {
    use limits::*;
    let title_chars = title.chars().count();
    if !(TITLE_MIN_CHARS..=TITLE_MAX_CHARS).contains(&title_chars) || title.chars().any(char::is_control) {
        return Err(DistributionError::TitleLength { min: TITLE_MIN_CHARS as u32, max: TITLE_MAX_CHARS as u32 });
    }
    if !(MIN_CATEGORIES..=MAX_CATEGORIES).contains(&categories.len()) {
        return Err(DistributionError::CategoryCount { min: MIN_CATEGORIES as u32, max: MAX_CATEGORIES as u32 });
    }
    for (i, category) in categories.iter().enumerate() {
        let chars = category.name.chars().count();
        if chars == 0 || chars > CATEGORY_NAME_MAX_CHARS || category.name.chars().any(char::is_control) {
            return Err(DistributionError::CategoryName { index: i as u32, max: CATEGORY_NAME_MAX_CHARS as u32 });
        }
        category.schedule.validate().map_err(|error| DistributionError::InvalidSchedule { category: i as u32, error })?;
    }
    Ok(())
}

/// One row on its own: a named owner, a known category, an amount in (0, u128::MAX]. `row` names it in errors.
pub fn check_row(row: u32, categories: usize, e: &RecipientEntry) -> Result<u128, DistributionError> {
    if e.owner == Principal::anonymous() {
        return Err(DistributionError::AnonymousRecipient { row });
    }
    if e.category as usize >= categories {
        return Err(DistributionError::UnknownCategory { row, category: e.category });
    }
    let amount = u128::try_from(&e.amount.0).map_err(|_| DistributionError::AmountTooLarge { row })?;
    if amount == 0 {
        return Err(DistributionError::ZeroAmount { row });
    }
    Ok(amount)
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampaignStatus {
    /// Recipients may be added; nothing can be claimed.
    Created,
    /// Funded: recipients claim what has vested.
    Active,
    /// Claims are refused until `resume` (vesting goes on with time).
    Paused,
    /// Every allocation is claimed.
    Completed,
    /// Vesting stopped at `cancelled_at`; what had vested stays claimable.
    Cancelled,
}

/// The unvested remainder sent back to the creator by `cancel`.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum RefundState {
    /// Recorded, the transfer not confirmed (the creator may call `cancel` again to retry it).
    Pending,
    Paid { block: Nat },
    Failed { reason: String },
    /// The unvested remainder did not exceed the ledger fee: nothing was sent.
    NothingToSend,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CancelRefund {
    /// The unvested total at the cancel time.
    pub unvested: Nat,
    /// What the creator receives: `unvested` minus the ledger fee of the transfer.
    pub amount: Nat,
    pub created_at_time: u64,
    pub state: RefundState,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CampaignTotals {
    pub allocated: Nat,
    pub claimed: Nat,
    pub recipients: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CampaignInfo {
    pub factory: Principal,
    pub creator: Principal,
    pub token_ledger: Principal,
    pub title: String,
    pub categories: Vec<Category>,
    pub allow_pause: bool,
    pub allow_cancel: bool,
    pub status: CampaignStatus,
    pub created_at: u64,
    pub activated_at: Option<u64>,
    pub cancelled_at: Option<u64>,
    /// The ledger fee read at activation; every transfer pays exactly this.
    pub transfer_fee: Option<Nat>,
    pub totals: CampaignTotals,
    pub refund: Option<CancelRefund>,
    /// Relationship changes not yet acknowledged by the factory.
    pub pending_reports: u64,
    pub registration: Option<RegistrationInfo>,
}

/// One of the caller's rows, as of now.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    #[serde(default, deserialize_with = "crate::token::subaccount_serde::deserialize")]
    pub subaccount: Option<Subaccount>,
    pub category: u32,
    pub amount: Nat,
    pub vested: Nat,
    pub claimed: Nat,
    pub claimable: Nat,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct RecipientInfo {
    pub owner: Principal,
    #[serde(default, deserialize_with = "crate::token::subaccount_serde::deserialize")]
    pub subaccount: Option<Subaccount>,
    pub category: u32,
    pub amount: Nat,
    pub claimed: Nat,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum ClaimState {
    /// Recorded before the transfer; the transfer's outcome is not known yet.
    Pending,
    Paid { block: Nat },
    /// The ledger refused or could not be reached: the amount is claimable again.
    Failed { reason: String },
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ClaimRecord {
    /// The claim's sequence number (its position in `get_claims`).
    pub seq: u64,
    pub owner: Principal,
    #[serde(default, deserialize_with = "crate::token::subaccount_serde::deserialize")]
    pub subaccount: Option<Subaccount>,
    /// Taken from the allocations.
    pub amount: Nat,
    /// Received by the recipient: `amount`, or `amount` minus the ledger fee when the row's prepaid fee was
    /// already used by an earlier claim.
    pub received: Nat,
    pub at: u64,
    pub state: ClaimState,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum DistributionError {
    Unauthorized,
    InvalidArgument(String),
    /// The campaign is not in a status that allows the call.
    WrongStatus { status: CampaignStatus },
    TitleLength { min: u32, max: u32 },
    CategoryCount { min: u32, max: u32 },
    CategoryName { index: u32, max: u32 },
    InvalidSchedule { category: u32, error: VestingError },
    BatchTooLarge { max: u32 },
    TooManyRecipients { max: u64 },
    /// The same (owner, subaccount, category) as an earlier row (of this batch or of the campaign).
    DuplicateRecipient { row: u32 },
    UnknownCategory { row: u32, category: u32 },
    AnonymousRecipient { row: u32 },
    ZeroAmount { row: u32 },
    /// The row's amount, or the campaign's total with it, exceeds u128.
    AmountTooLarge { row: u32 },
    TooManyEntriesForOwner { row: u32, max: u32 },
    NoRecipients,
    /// The contract's balance does not cover every allocation plus one transfer fee per recipient row.
    Underfunded { balance: Nat, required: Nat },
    PauseNotAllowed,
    CancelNotAllowed,
    NotARecipient,
    /// The registration settings break a rule.
    InvalidRegistration { reason: String },
    /// The campaign takes no self-registration.
    NoRegistration,
    /// Registration is open in [opens_at, closes_at) and while the campaign is not active.
    RegistrationClosed { opens_at: u64, closes_at: u64 },
    RegistrationFull { max: u64 },
    NotWhitelisted,
    AlreadyRegistered,
    /// Activation waits until the registration window closes (or every place is taken).
    RegistrationOpen { closes_at: u64 },
    NothingToClaim,
    /// A claim amount above u128.
    InvalidAmount,
    /// The claim would pay the ledger fee out of an amount that does not exceed it.
    AmountBelowFee { fee: Nat },
    /// Another claim of this recipient is awaiting the ledger.
    ClaimInProgress,
    /// Another call (activation, cancel) is awaiting the ledger.
    OperationInProgress,
    /// The ledger refused the transfer (the claimed amount is claimable again).
    Transfer(TransferError),
    /// The ledger could not be called or replied unexpectedly (nothing was paid).
    Ledger(String),
}

impl From<KitError> for DistributionError {
    fn from(e: KitError) -> Self {
        match e {
            KitError::OperationInProgress => DistributionError::OperationInProgress,
            KitError::InvalidArgument(why) => DistributionError::InvalidArgument(why),
            other => DistributionError::InvalidArgument(other.to_string()),
        }
    }
}

impl std::fmt::Display for DistributionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DistributionError::InvalidSchedule { category, error } => {
                write!(f, "category {}: {error}", category + 1)
            }
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for DistributionError {}
