use crate::services::{execution, proposals, votes};
use canister_kit::pagination::PageRequest;
use canister_kit::{query, update, CallContext};
use icto_shared::multisig::{MultisigError, ProposalFilter, ProposalInfo, ProposalPage, ProposeArgs};

/// A signer proposes (counting as their approval); executes at once if that meets the threshold.
#[update]
async fn propose(args: ProposeArgs) -> Result<ProposalInfo, MultisigError> {
    proposals::propose(CallContext::current(), args).await
}

/// A signer approves; the approval that completes the threshold executes the proposal (after its timelock).
#[update]
async fn approve(id: u64, reason: Option<String>) -> Result<ProposalInfo, MultisigError> {
    let approved = votes::approve(CallContext::current(), id, reason).await;
    // The wallet's own cost of the approval (all its messages), for operators and the benchmark.
    ic_cdk::api::debug_print(format!("approve: {} instructions", ic_cdk::api::call_context_instruction_counter()));
    approved
}

#[update]
fn reject(id: u64, reason: Option<String>) -> Result<ProposalInfo, MultisigError> {
    votes::reject(&CallContext::current(), id, reason)
}

/// A signer executes an approved proposal whose timelock has passed.
#[update]
async fn execute(id: u64) -> Result<ProposalInfo, MultisigError> {
    execution::execute(CallContext::current(), id).await
}

/// The proposer withdraws a pending proposal.
#[update]
fn cancel(id: u64) -> Result<ProposalInfo, MultisigError> {
    proposals::cancel(&CallContext::current(), id)
}

#[query]
fn get_proposal(id: u64) -> Result<ProposalInfo, MultisigError> {
    proposals::get(&CallContext::current(), id)
}

/// Newest first, at most 100 per page.
#[query]
fn list_proposals(filter: ProposalFilter, page: PageRequest) -> Result<ProposalPage, MultisigError> {
    proposals::list(&CallContext::current(), filter, page)
}
