use candid::{CandidType, Deserialize, Principal};
use icto_shared::multisig::{ExecutionOutcome, ProposalAction, ProposalStatus, VoteRecord};

/// A proposal as stored. Its approvals and rejections are not stored: they are counted from `votes`
/// against the current signers whenever the proposal is read or touched.
#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub id: u64,
    pub title: String,
    pub description: Option<String>,
    pub action: ProposalAction,
    pub proposer: Principal,
    pub dedup_key: String,
    pub created_at: u64,
    pub expires_at: u64,
    pub not_before: Option<u64>,
    pub status: ProposalStatus,
    /// One per signer who voted (a changed vote replaces the earlier one).
    pub votes: Vec<VoteRecord>,
    /// When execution started: the `created_at_time` of its ledger calls.
    pub execution_started_at: Option<u64>,
    pub executed_at: Option<u64>,
    pub outcome: Option<ExecutionOutcome>,
}

impl Proposal {
    /// Waiting for votes or execution (or executing): counted in the open index.
    pub fn is_open(&self) -> bool {
        matches!(self.status, ProposalStatus::Pending | ProposalStatus::Approved | ProposalStatus::Executing)
    }
}
