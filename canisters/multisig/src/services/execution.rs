//! Executing an approved proposal, exactly once. `begin` checks everything, counts the amount against the
//! daily limit and writes the proposal as `Executing` before any await: a concurrent approve or execute
//! sees `Executing` and gets `ExecutionInProgress`. `finish` records `Executed` or `Failed` with the
//! outcome and gives back the spending count of what did not leave. A failed execution is never retried.
//! If a callback traps after the await, the `Running` guard is dropped by the executor's cleanup and
//! records the proposal as `Failed` (interrupted), so it never stays `Executing`; its spending count stays
//! (the transfer may have happened).
//!
//! Ledger calls carry `created_at_time` = the execution's start and a memo (the action's own, or
//! SHA-256("icto-multisig", proposal id, row) in 32 bytes), so the ledger deduplicates a resend.

use crate::clients::{canister, ledger};
use crate::models::proposals::Proposal;
use crate::repositories::{proposals as store, wallet as wallet_repo};
use crate::services::{access, history, members, proposals, spending, to_u128};
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::multisig::limits::MAX_CALL_REPLY_BYTES;
use icto_shared::multisig::*;
use icto_shared::token::{ApproveArgs, ApproveError, TransferArg, TransferError};
use sha2::{Digest, Sha256};

/// Transfers of a batch in flight at once (the rest wait for the group before them).
pub const BATCH_GROUP: usize = 20;

/// Approved, and its timelock (if any) has passed.
pub fn is_due(p: &Proposal, now: u64) -> bool {
    p.status == ProposalStatus::Approved && p.not_before.is_none_or(|t| now >= t)
}

/// What an execution awaits.
#[derive(Clone, Debug, PartialEq)]
pub enum Work {
    Transfer { ledger: Principal, arg: TransferArg },
    BatchTransfer { ledger: Principal, args: Vec<TransferArg> },
    Approve { ledger: Principal, arg: ApproveArgs },
    Call { canister: Principal, method: String, arg: Vec<u8> },
}

/// What the awaited calls answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Transfer(Result<Nat, MultisigError>),
    BatchTransfer(Vec<Result<Nat, MultisigError>>),
    Approve(Result<Nat, MultisigError>),
    Call(Result<Vec<u8>, MultisigError>),
}

/// A proposal marked `Executing`: records it `Failed` when dropped unfinished (a trapped callback).
pub struct Running {
    pub id: u64,
    /// The call that started it (who and when, for the record of an interrupted execution).
    ctx: CallContext,
    /// The limited ledger and the UTC day the amount was counted on.
    counted: Option<(Principal, u64)>,
    finished: bool,
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if let Some(p) = store::get(self.id).filter(|p| p.status == ProposalStatus::Executing) {
            let error = "the execution was interrupted after its call (a callback trapped); check the ledger before proposing it again";
            close(&self.ctx, p, ProposalStatus::Failed, ExecutionOutcome::Error { error: error.into() });
        }
    }
}

pub enum Begun {
    /// Applied in the wallet (member and policy actions) or refused at execution: recorded.
    Finished(ProposalInfo),
    /// Marked `Executing`: await the work, then `finish`.
    Started(Running, Work),
}

/// The memo of a wallet transfer: SHA-256("icto-multisig", proposal id, row), 32 bytes.
pub fn memo(id: u64, row: u64) -> serde_bytes::ByteBuf {
    let mut h = Sha256::new();
    h.update(b"icto-multisig");
    h.update(id.to_be_bytes());
    h.update(row.to_be_bytes());
    serde_bytes::ByteBuf::from(h.finalize().to_vec())
}

fn amount_of(n: &Nat) -> u128 {
    to_u128(n).unwrap_or(u128::MAX)
}

fn transfer_arg(to: &icto_shared::token::Account, amount: &Nat, memo: serde_bytes::ByteBuf, now: u64) -> TransferArg {
    TransferArg { from_subaccount: None, to: to.clone(), amount: amount.clone(), fee: None, memo: Some(memo), created_at_time: Some(now) }
}

/// Records the end of an execution and its history entry.
fn close(ctx: &CallContext, mut p: Proposal, status: ProposalStatus, outcome: ExecutionOutcome) -> ProposalInfo {
    p.status = status;
    p.executed_at = Some(ctx.now);
    p.outcome = Some(outcome);
    store::put(p.clone());
    let id = p.id;
    history::record(ctx, if status == ProposalStatus::Executed { HistoryEvent::Executed { id } } else { HistoryEvent::Failed { id } });
    proposals::info(&p, &wallet_repo::get())
}

/// Checks, counts the spending and marks the proposal `Executing` (all before any await). Member and
/// policy actions are applied here and finish at once.
pub fn begin(ctx: &CallContext, id: u64) -> Result<Begun, MultisigError> {
    access::require_signer(ctx)?;
    let mut p = proposals::load(ctx, id)?;
    match p.status {
        ProposalStatus::Approved => {}
        ProposalStatus::Executing => return Err(MultisigError::ExecutionInProgress),
        status => return Err(MultisigError::WrongStatus { status }),
    }
    if let Some(not_before) = p.not_before.filter(|t| ctx.now < *t) {
        return Err(MultisigError::TimelockActive { not_before });
    }
    let wallet = wallet_repo::get();
    let now = ctx.now;
    let (work, counted) = match &p.action {
        ProposalAction::Transfer(t) => {
            let day = spending::count(&wallet, t.ledger, amount_of(&t.amount), now)?;
            let memo = t.memo.clone().unwrap_or_else(|| memo(id, 0));
            (Some(Work::Transfer { ledger: t.ledger, arg: transfer_arg(&t.to, &t.amount, memo, now) }), day.map(|d| (t.ledger, d)))
        }
        ProposalAction::BatchTransfer(b) => {
            let total = b.rows.iter().fold(0u128, |s, r| s.saturating_add(amount_of(&r.amount)));
            let day = spending::count(&wallet, b.ledger, total, now)?;
            let args = b.rows.iter().enumerate().map(|(i, r)| transfer_arg(&r.to, &r.amount, memo(id, i as u64), now)).collect();
            (Some(Work::BatchTransfer { ledger: b.ledger, args }), day.map(|d| (b.ledger, d)))
        }
        ProposalAction::Approve(a) => {
            let day = spending::count(&wallet, a.ledger, amount_of(&a.amount), now)?;
            let arg = ApproveArgs {
                from_subaccount: None,
                spender: a.spender.clone(),
                amount: a.amount.clone(),
                expected_allowance: None,
                expires_at: a.expires_at,
                fee: None,
                memo: Some(memo(id, 0)),
                created_at_time: Some(now),
            };
            (Some(Work::Approve { ledger: a.ledger, arg }), day.map(|d| (a.ledger, d)))
        }
        ProposalAction::Call(c) => (Some(Work::Call { canister: c.canister, method: c.method.clone(), arg: c.arg.clone() }), None),
        _ => (None, None),
    };
    // The lock: from here on no other call executes this proposal.
    p.status = ProposalStatus::Executing;
    p.execution_started_at = Some(now);
    store::put(p.clone());
    let refused = |e: MultisigError| ExecutionOutcome::Error { error: e.to_string() };
    match work {
        None => Ok(Begun::Finished(match members::apply(ctx, &p.action) {
            Ok(()) => close(ctx, p, ProposalStatus::Executed, ExecutionOutcome::Applied),
            Err(e) => close(ctx, p, ProposalStatus::Failed, refused(e)),
        })),
        // A daily limit set on the callee since the proposal was made: the limit could not see the call.
        Some(Work::Call { canister, .. }) if wallet.limit_of(&canister).is_some() => {
            let e = MultisigError::InvalidArgument("the called canister is a ledger with a daily limit".into());
            Ok(Begun::Finished(close(ctx, p, ProposalStatus::Failed, refused(e))))
        }
        Some(work) => Ok(Begun::Started(Running { id, ctx: *ctx, counted, finished: false }, work)),
    }
}

/// The calls of an execution (canister code only).
pub async fn perform(work: &Work) -> Answer {
    match work {
        Work::Transfer { ledger, arg } => Answer::Transfer(ledger::transfer(*ledger, arg.clone()).await),
        Work::BatchTransfer { ledger, args } => {
            let mut results = Vec::with_capacity(args.len());
            for group in args.chunks(BATCH_GROUP) {
                results.extend(futures::future::join_all(group.iter().map(|a| ledger::transfer(*ledger, a.clone()))).await);
            }
            Answer::BatchTransfer(results)
        }
        Work::Approve { ledger, arg } => Answer::Approve(ledger::approve(*ledger, arg.clone()).await),
        Work::Call { canister: callee, method, arg } => Answer::Call(canister::call(*callee, method, arg).await),
    }
}

/// A ledger's block: paid, or the same transfer found already paid.
fn paid(result: &Result<Nat, MultisigError>) -> Option<Nat> {
    match result {
        Ok(block) => Some(block.clone()),
        Err(MultisigError::Transfer(TransferError::Duplicate { duplicate_of })) => Some(duplicate_of.clone()),
        Err(MultisigError::Approve(ApproveError::Duplicate { duplicate_of })) => Some(duplicate_of.clone()),
        Err(_) => None,
    }
}

fn error_text(result: &Result<Nat, MultisigError>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(_) => String::new(),
    }
}

/// Records the outcome (`ctx.now`: when the answer came) and gives back the spending count of what did
/// not leave the wallet.
pub fn finish(ctx: &CallContext, mut running: Running, work: &Work, answer: Answer) -> ProposalInfo {
    running.finished = true;
    let p = store::get(running.id).expect("an executing proposal is stored");
    let mut unspent: u128 = 0;
    let failed = |error: String| (ProposalStatus::Failed, ExecutionOutcome::Error { error });
    let (status, outcome) = match (work, answer) {
        (Work::Transfer { arg, .. }, Answer::Transfer(result)) => match paid(&result) {
            Some(block) => (ProposalStatus::Executed, ExecutionOutcome::Transferred { block }),
            None => {
                unspent = amount_of(&arg.amount);
                failed(error_text(&result))
            }
        },
        (Work::Approve { arg, .. }, Answer::Approve(result)) => match paid(&result) {
            Some(block) => (ProposalStatus::Executed, ExecutionOutcome::Approved { block }),
            None => {
                unspent = amount_of(&arg.amount);
                failed(error_text(&result))
            }
        },
        (Work::BatchTransfer { args, .. }, Answer::BatchTransfer(results)) => {
            let rows: Vec<RowResult> = args
                .iter()
                .zip(results.iter().map(Some).chain(std::iter::repeat(None)))
                .map(|(arg, result)| match result.and_then(paid) {
                    Some(block) => RowResult::Paid { block },
                    None => {
                        unspent = unspent.saturating_add(amount_of(&arg.amount));
                        RowResult::Failed { error: result.map(error_text).unwrap_or_else(|| "not sent".into()) }
                    }
                })
                .collect();
            let paid_rows = rows.iter().filter(|r| matches!(r, RowResult::Paid { .. })).count() as u32;
            let failed_rows = rows.len() as u32 - paid_rows;
            let status = if paid_rows > 0 { ProposalStatus::Executed } else { ProposalStatus::Failed };
            (status, ExecutionOutcome::BatchTransferred { rows, paid: paid_rows, failed: failed_rows })
        }
        (Work::Call { .. }, Answer::Call(result)) => match result {
            Ok(reply) => {
                let reply_len = reply.len() as u64;
                let reply = reply[..reply.len().min(MAX_CALL_REPLY_BYTES)].to_vec();
                (ProposalStatus::Executed, ExecutionOutcome::Called { reply, reply_len })
            }
            Err(e) => failed(e.to_string()),
        },
        _ => failed("the answer does not match the work (a bug in the wallet)".into()),
    };
    if let Some((ledger, day)) = running.counted {
        spending::give_back(ledger, day, unspent);
    }
    close(ctx, p, status, outcome)
}

/// Begins, awaits and finishes an execution (canister code: the answer's time is read after the await).
pub async fn execute(ctx: CallContext, id: u64) -> Result<ProposalInfo, MultisigError> {
    match begin(&ctx, id)? {
        Begun::Finished(info) => Ok(info),
        Begun::Started(running, work) => {
            let answer = perform(&work).await;
            let after = CallContext { now: after_await_time(ctx.now), ..ctx };
            Ok(finish(&after, running, &work, answer))
        }
    }
}

/// The IC's time in canister code; on the host (where nothing awaits) the start time.
fn after_await_time(started: u64) -> u64 {
    if cfg!(target_family = "wasm") { ic_cdk::api::time() } else { started }
}
