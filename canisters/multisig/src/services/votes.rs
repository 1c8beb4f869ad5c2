//! Votes: current signers approve or reject a pending (or approved, not yet executed) proposal. Voting the
//! same way again changes nothing; changing one's vote replaces it. An approval that completes the
//! threshold executes the proposal in the same call once its timelock has passed.

use crate::repositories::{proposals as store, wallet as wallet_repo};
use crate::services::{access, execution, history, proposals};
use canister_kit::CallContext;
use icto_shared::multisig::limits::REASON_MAX_CHARS;
use icto_shared::multisig::*;

pub async fn approve(ctx: CallContext, id: u64, reason: Option<String>) -> Result<ProposalInfo, MultisigError> {
    let p = vote(&ctx, id, Vote::Approve, reason)?;
    if execution::is_due(&p, ctx.now) {
        return execution::execute(ctx, id).await;
    }
    Ok(proposals::info(&p, &wallet_repo::get()))
}

pub fn reject(ctx: &CallContext, id: u64, reason: Option<String>) -> Result<ProposalInfo, MultisigError> {
    let p = vote(ctx, id, Vote::Reject, reason)?;
    Ok(proposals::info(&p, &wallet_repo::get()))
}

/// Records the caller's vote and settles the proposal under the current policy.
pub fn vote(ctx: &CallContext, id: u64, vote: Vote, reason: Option<String>) -> Result<crate::models::proposals::Proposal, MultisigError> {
    access::require_signer(ctx)?;
    if let Some(r) = &reason {
        check_chars("reason", r, 0, REASON_MAX_CHARS)?;
    }
    let mut p = proposals::load(ctx, id)?;
    match p.status {
        ProposalStatus::Pending | ProposalStatus::Approved => {}
        ProposalStatus::Executing => return Err(MultisigError::ExecutionInProgress),
        status => return Err(MultisigError::WrongStatus { status }),
    }
    let record = VoteRecord { signer: ctx.caller, vote, at: ctx.now, reason };
    match p.votes.iter_mut().find(|v| v.signer == ctx.caller) {
        Some(earlier) if earlier.vote == vote => return Ok(p),
        Some(earlier) => *earlier = record,
        None => p.votes.push(record),
    }
    history::record(ctx, HistoryEvent::Voted { id, vote });
    proposals::settle(ctx, &mut p, &wallet_repo::get());
    store::put(p.clone());
    Ok(p)
}
