//! Candid types of a multisig wallet: one canister per team, holding ICRC-1/2 tokens and moving them only
//! when enough of its signers approve a proposal. Signers propose and vote; observers read. The policy
//! (who signs, the threshold) is always the wallet's *current* one: an approval from a removed signer no
//! longer counts, and a threshold change applies to pending proposals.

use crate::kit::KitError;
use crate::token::{Account, ApproveError, TransferError};
use candid::{CandidType, Deserialize, Nat, Principal};
use serde::Serialize;

/// Limits the wallet enforces; exported so the app can validate before sending.
pub mod limits {
    pub const NAME_MIN_CHARS: usize = 1;
    pub const NAME_MAX_CHARS: usize = 60;
    pub const MEMBER_NAME_MAX_CHARS: usize = 40;
    pub const DESCRIPTION_MAX_CHARS: usize = 2_000;
    pub const TITLE_MIN_CHARS: usize = 1;
    pub const TITLE_MAX_CHARS: usize = 100;
    pub const MAX_SIGNERS: usize = 50;
    pub const MAX_OBSERVERS: usize = 100;
    /// Ledgers whose balances the wallet shows (and may hold a daily limit for).
    pub const MAX_TOKENS: usize = 20;
    /// Rows of one batch transfer.
    pub const MAX_BATCH_ROWS: usize = 500;
    /// Candid argument bytes of a call proposal.
    pub const MAX_CALL_ARG_BYTES: usize = 64 * 1024;
    pub const METHOD_NAME_MAX_CHARS: usize = 100;
    /// The reply bytes a call proposal keeps (longer replies are cut, with their full length recorded).
    pub const MAX_CALL_REPLY_BYTES: usize = 4 * 1024;
    pub const MEMO_MAX_BYTES: usize = 32;
    pub const DEDUP_KEY_MAX_CHARS: usize = 64;
    pub const REASON_MAX_CHARS: usize = 500;
    /// Proposals waiting for votes or execution at once (a bound on what a signer can make the wallet store).
    pub const MAX_OPEN_PROPOSALS: u64 = 200;
    /// A proposal's lifetime: from one minute to 90 days.
    pub const MIN_EXPIRY_NANOS: u64 = 60 * 1_000_000_000;
    pub const MAX_EXPIRY_NANOS: u64 = 90 * 24 * 3600 * 1_000_000_000;
    pub const DEFAULT_EXPIRY_NANOS: u64 = 7 * 24 * 3600 * 1_000_000_000;
    /// A timelock is at most 30 days after the proposal's creation (and before its expiry).
    pub const MAX_TIMELOCK_NANOS: u64 = 30 * 24 * 3600 * 1_000_000_000;
    pub const MAX_ADDRESS_BOOK: usize = 200;
    pub const MAX_PAGE: u64 = crate::pagination::MAX_PAGE;
}

/// A member as given at creation or in an add proposal.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct MemberInit {
    pub principal: Principal,
    /// A name the team knows the member by (may be empty).
    pub name: String,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MemberRole {
    /// Proposes, approves and rejects.
    Signer,
    /// Reads the wallet; never votes.
    Observer,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub principal: Principal,
    pub name: String,
    pub role: MemberRole,
    pub added_at: u64,
}

/// At most `daily_max` base units of `ledger` leave the wallet per UTC day (transfers, batch transfers and
/// approvals count; checked at execution).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct SpendingLimit {
    pub ledger: Principal,
    pub daily_max: Nat,
}

/// What a user asks the platform to create (through the backend's paid flow). The paying user becomes
/// the wallet's owner (creator); it signs only if listed among `signers`.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct WalletConfig {
    pub name: String,
    pub description: Option<String>,
    pub signers: Vec<MemberInit>,
    pub observers: Vec<MemberInit>,
    /// Approvals a proposal needs: 1 ..= signers.
    pub threshold: u32,
    /// Ledgers the wallet shows balances of (payment token, project token, ...).
    pub tokens: Vec<Principal>,
    pub spending_limits: Vec<SpendingLimit>,
}

impl WalletConfig {
    /// Every check that needs no stored state: the backend runs it before charging, the factory before
    /// creating, the wallet again in `init`.
    pub fn validate(&self) -> Result<(), MultisigError> {
        check_chars("name", &self.name, limits::NAME_MIN_CHARS, limits::NAME_MAX_CHARS)?;
        if let Some(d) = &self.description {
            check_chars("description", d, 0, limits::DESCRIPTION_MAX_CHARS)?;
        }
        if self.signers.is_empty() || self.signers.len() > limits::MAX_SIGNERS {
            return Err(MultisigError::InvalidArgument(format!("a wallet has 1 to {} signers", limits::MAX_SIGNERS)));
        }
        if self.observers.len() > limits::MAX_OBSERVERS {
            return Err(MultisigError::InvalidArgument(format!("a wallet has at most {} observers", limits::MAX_OBSERVERS)));
        }
        let mut seen = std::collections::BTreeSet::new();
        for m in self.signers.iter().chain(&self.observers) {
            check_member(m)?;
            if !seen.insert(m.principal) {
                return Err(MultisigError::AlreadyMember { principal: m.principal });
            }
        }
        check_threshold(self.threshold, self.signers.len())?;
        if self.tokens.len() > limits::MAX_TOKENS {
            return Err(MultisigError::InvalidArgument(format!("at most {} tokens", limits::MAX_TOKENS)));
        }
        let mut tokens = std::collections::BTreeSet::new();
        for t in &self.tokens {
            if *t == Principal::anonymous() || !tokens.insert(*t) {
                return Err(MultisigError::InvalidArgument(format!("token {t} is listed twice or is anonymous")));
            }
        }
        let mut limited = std::collections::BTreeSet::new();
        for l in &self.spending_limits {
            if !tokens.contains(&l.ledger) {
                return Err(MultisigError::InvalidArgument(format!("a spending limit names {} which is not among the tokens", l.ledger)));
            }
            if !limited.insert(l.ledger) {
                return Err(MultisigError::InvalidArgument(format!("two spending limits for {}", l.ledger)));
            }
        }
        Ok(())
    }
}

pub fn check_chars(field: &str, value: &str, min: usize, max: usize) -> Result<(), MultisigError> {
    let n = value.chars().count();
    if n < min || n > max {
        return Err(MultisigError::TextLength { field: field.to_string(), min: min as u32, max: max as u32 });
    }
    Ok(())
}

pub fn check_member(m: &MemberInit) -> Result<(), MultisigError> {
    if m.principal == Principal::anonymous() {
        return Err(MultisigError::AnonymousMember);
    }
    check_chars("member name", &m.name, 0, limits::MEMBER_NAME_MAX_CHARS)
}

/// The threshold against a number of signers: 1 ..= signers.
pub fn check_threshold(threshold: u32, signers: usize) -> Result<(), MultisigError> {
    if threshold == 0 || threshold as usize > signers {
        return Err(MultisigError::InvalidThreshold { threshold, signers: signers as u32 });
    }
    Ok(())
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct MultisigInitArgs {
    /// The factory that deployed the wallet (its controller); member changes are reported to it.
    pub factory: Principal,
    /// The paying user: reported as the wallet's owner.
    pub creator: Principal,
    pub config: WalletConfig,
}

// ---------- proposals ----------

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TransferAction {
    pub ledger: Principal,
    pub to: Account,
    pub amount: Nat,
    pub memo: Option<serde_bytes::ByteBuf>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TransferRow {
    pub to: Account,
    pub amount: Nat,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct BatchTransferAction {
    pub ledger: Principal,
    /// 1 ..= `limits::MAX_BATCH_ROWS` rows, each paid with its own transfer.
    pub rows: Vec<TransferRow>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ApproveAction {
    pub ledger: Principal,
    pub spender: Account,
    pub amount: Nat,
    pub expires_at: Option<u64>,
}

/// A call from the wallet to any canister method (not the wallet itself, and not a ledger the wallet
/// holds a spending limit for, which the limit could not see).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct CallAction {
    pub canister: Principal,
    pub method: String,
    /// Candid-encoded arguments (DIDL...), shown decoded to signers before they vote.
    #[serde(with = "serde_bytes")]
    pub arg: Vec<u8>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum ProposalAction {
    Transfer(TransferAction),
    BatchTransfer(BatchTransferAction),
    Approve(ApproveAction),
    AddSigner(MemberInit),
    RemoveSigner(Principal),
    AddObserver(MemberInit),
    RemoveObserver(Principal),
    ChangeThreshold(u32),
    /// Sets (`Some`) or lifts (`None`) the daily limit of a tracked token.
    SetSpendingLimit { ledger: Principal, daily_max: Option<Nat> },
    Call(CallAction),
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ProposeArgs {
    pub title: String,
    pub description: Option<String>,
    pub action: ProposalAction,
    /// Nanoseconds from now (default `limits::DEFAULT_EXPIRY_NANOS`).
    pub expires_in: Option<u64>,
    /// Executes no earlier than this IC time (nanoseconds since the epoch).
    pub not_before: Option<u64>,
    /// Chosen by the client: proposing again with the same key returns the first proposal.
    pub dedup_key: String,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalStatus {
    /// Collecting votes.
    Pending,
    /// Enough approvals; waits for its timelock or for `execute`.
    Approved,
    /// Awaiting the ledger or the called canister.
    Executing,
    Executed,
    /// Enough signers rejected that the threshold can no longer be reached.
    Rejected,
    Expired,
    /// Executed and refused (recorded in `outcome`; never retried).
    Failed,
    /// Withdrawn by its proposer before it was approved.
    Cancelled,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vote {
    Approve,
    Reject,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct VoteRecord {
    pub signer: Principal,
    pub vote: Vote,
    pub at: u64,
    pub reason: Option<String>,
}

/// One row's result in a batch transfer.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum RowResult {
    Paid { block: Nat },
    Failed { error: String },
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum ExecutionOutcome {
    Transferred { block: Nat },
    /// Per row, in order; the proposal is `Executed` if any row was paid, `Failed` if none was.
    BatchTransferred { rows: Vec<RowResult>, paid: u32, failed: u32 },
    Approved { block: Nat },
    /// A member or policy change, applied in the wallet itself.
    Applied,
    Called {
        #[serde(with = "serde_bytes")]
        reply: Vec<u8>,
        /// The reply's full length (only the first `limits::MAX_CALL_REPLY_BYTES` are kept).
        reply_len: u64,
    },
    Error { error: String },
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ProposalInfo {
    pub id: u64,
    pub title: String,
    pub description: Option<String>,
    pub action: ProposalAction,
    pub proposer: Principal,
    pub created_at: u64,
    pub expires_at: u64,
    pub not_before: Option<u64>,
    pub status: ProposalStatus,
    /// Every vote cast, including those of signers removed since (which no longer count).
    pub votes: Vec<VoteRecord>,
    /// Approvals and rejections from current signers, and what the current policy needs.
    pub approvals: u32,
    pub rejections: u32,
    pub threshold: u32,
    pub executed_at: Option<u64>,
    pub outcome: Option<ExecutionOutcome>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ProposalPage {
    pub items: Vec<ProposalInfo>,
    pub total: u64,
}

/// Which proposals to list (newest first).
#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalFilter {
    All,
    /// Pending or approved (awaiting votes or execution).
    Open,
    /// Every other status.
    Closed,
}

// ---------- the wallet ----------

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct SpendingInfo {
    pub ledger: Principal,
    pub daily_max: Nat,
    /// Spent today (UTC day of the IC time).
    pub spent_today: Nat,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct WalletInfo {
    pub name: String,
    pub description: Option<String>,
    pub factory: Principal,
    pub creator: Principal,
    pub created_at: u64,
    pub threshold: u32,
    pub members: Vec<Member>,
    pub tokens: Vec<Principal>,
    pub spending: Vec<SpendingInfo>,
    pub open_proposals: u64,
    pub proposal_count: u64,
    /// Member changes not yet acknowledged by the factory.
    pub pending_reports: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct AddressBookEntry {
    pub name: String,
    pub account: Account,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum HistoryEvent {
    Created,
    Proposed { id: u64 },
    Voted { id: u64, vote: Vote },
    Cancelled { id: u64 },
    Expired { id: u64 },
    Rejected { id: u64 },
    Executed { id: u64 },
    Failed { id: u64 },
    TokenAdded { ledger: Principal },
    TokenRemoved { ledger: Principal },
    AddressBookChanged,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub seq: u64,
    pub at: u64,
    pub by: Principal,
    pub event: HistoryEvent,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct HistoryPage {
    pub items: Vec<HistoryEntry>,
    pub total: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum MultisigError {
    /// Only signers (or, for reads, members) may do this.
    Unauthorized,
    InvalidArgument(String),
    TextLength { field: String, min: u32, max: u32 },
    AnonymousMember,
    AlreadyMember { principal: Principal },
    NotMember { principal: Principal },
    /// The threshold must be 1 ..= the number of signers (so the last signer cannot be removed).
    InvalidThreshold { threshold: u32, signers: u32 },
    TooManyMembers { max: u32 },
    TooManyOpenProposals { max: u64 },
    ProposalNotFound { id: u64 },
    /// The same dedup key names a different proposal of this proposer.
    DedupKeyReused { id: u64 },
    /// The proposal is not in a status that allows the call.
    WrongStatus { status: ProposalStatus },
    /// Its timelock has not passed.
    TimelockActive { not_before: u64 },
    /// The execution would take today's spending above the daily limit (the proposal stays approved).
    SpendingLimitExceeded { ledger: Principal, daily_max: Nat, spent_today: Nat, requested: Nat },
    UnknownToken { ledger: Principal },
    /// The ledger refused (recorded in the proposal's outcome).
    Transfer(TransferError),
    Approve(ApproveError),
    /// A ledger or called canister could not be reached or replied unexpectedly.
    CallFailed(String),
    /// Another call of this proposal is awaiting a reply.
    ExecutionInProgress,
    Kit(KitError),
}

impl From<KitError> for MultisigError {
    fn from(e: KitError) -> Self {
        MultisigError::Kit(e)
    }
}

impl std::fmt::Display for MultisigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MultisigError::InvalidArgument(s) => write!(f, "{s}"),
            MultisigError::TextLength { field, min, max } => write!(f, "the {field} must be {min} to {max} characters"),
            MultisigError::InvalidThreshold { threshold, signers } => {
                write!(f, "a threshold of {threshold} does not fit {signers} signer(s): it must be 1 to {signers}")
            }
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for MultisigError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: u8) -> Principal {
        Principal::from_slice(&[n; 29])
    }

    fn member(n: u8) -> MemberInit {
        MemberInit { principal: p(n), name: format!("m{n}") }
    }

    fn config() -> WalletConfig {
        WalletConfig {
            name: "Treasury".into(),
            description: None,
            signers: vec![member(1), member(2), member(3)],
            observers: vec![member(4)],
            threshold: 2,
            tokens: vec![p(9)],
            spending_limits: vec![SpendingLimit { ledger: p(9), daily_max: Nat::from(100u32) }],
        }
    }

    #[test]
    fn a_two_of_three_wallet_is_valid() {
        assert_eq!(config().validate(), Ok(()));
    }

    #[test]
    fn the_threshold_fits_the_signers() {
        let mut c = config();
        c.threshold = 4;
        assert_eq!(c.validate(), Err(MultisigError::InvalidThreshold { threshold: 4, signers: 3 }));
        c.threshold = 0;
        assert_eq!(c.validate(), Err(MultisigError::InvalidThreshold { threshold: 0, signers: 3 }));
    }

    #[test]
    fn a_member_is_listed_once_and_never_anonymous() {
        let mut c = config();
        c.observers.push(member(1));
        assert_eq!(c.validate(), Err(MultisigError::AlreadyMember { principal: p(1) }));
        let mut c = config();
        c.signers.push(MemberInit { principal: Principal::anonymous(), name: String::new() });
        assert_eq!(c.validate(), Err(MultisigError::AnonymousMember));
    }

    #[test]
    fn a_spending_limit_names_a_tracked_token() {
        let mut c = config();
        c.spending_limits[0].ledger = p(8);
        assert!(matches!(c.validate(), Err(MultisigError::InvalidArgument(_))));
    }

    #[test]
    fn names_are_bounded() {
        let mut c = config();
        c.name = "x".repeat(limits::NAME_MAX_CHARS + 1);
        assert!(matches!(c.validate(), Err(MultisigError::TextLength { .. })));
        c.name = String::new();
        assert!(matches!(c.validate(), Err(MultisigError::TextLength { .. })));
    }
}
