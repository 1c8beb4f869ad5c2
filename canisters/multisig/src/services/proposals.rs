//! Proposals: submitting one (validated against the current state, deduplicated by the proposer's key),
//! reading and listing them, cancelling, and the policy: approvals and rejections are counted from the
//! votes of *current* signers against the *current* threshold whenever a proposal is read or touched, and
//! an expired one is closed then (lazily; `expire_due` sweeps the open index by expiry time).

use crate::models::proposals::Proposal;
use crate::models::wallet::Wallet;
use crate::repositories::{members, proposals as store, wallet as wallet_repo};
use crate::services::{access, execution, history, members as member_rules, to_u128};
use canister_kit::pagination::PageRequest;
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::multisig::limits::*;
use icto_shared::multisig::*;
use icto_shared::token::Account;

/// Submits a proposal; the proposer's submission is their approval. If that meets the threshold and no
/// timelock holds it, it executes in this call.
pub async fn propose(ctx: CallContext, args: ProposeArgs) -> Result<ProposalInfo, MultisigError> {
    let (proposal, new) = submit(&ctx, args)?;
    if new && execution::is_due(&proposal, ctx.now) {
        return execution::execute(ctx, proposal.id).await;
    }
    Ok(info(&proposal, &wallet_repo::get()))
}

/// The synchronous part of `propose`: checks, dedup, the open bound, the proposal written with its first
/// approval. Returns the proposal and whether it is new (a repeated submission returns the first).
pub fn submit(ctx: &CallContext, args: ProposeArgs) -> Result<(Proposal, bool), MultisigError> {
    access::require_signer(ctx)?;
    let wallet = wallet_repo::get();
    validate(ctx, &wallet, &args)?;
    if let Some(id) = store::dedup_get(&ctx.caller, &args.dedup_key) {
        let existing = store::get(id).ok_or(MultisigError::ProposalNotFound { id })?;
        let same = existing.title == args.title
            && existing.description == args.description
            && existing.action == args.action
            && existing.not_before == args.not_before;
        return if same { Ok((touch(ctx, existing, &wallet), false)) } else { Err(MultisigError::DedupKeyReused { id }) };
    }
    expire_due(ctx);
    if store::open_count() >= MAX_OPEN_PROPOSALS {
        return Err(MultisigError::TooManyOpenProposals { max: MAX_OPEN_PROPOSALS });
    }
    let id = store::count();
    let mut proposal = Proposal {
        id,
        title: args.title,
        description: args.description,
        action: args.action,
        proposer: ctx.caller,
        dedup_key: args.dedup_key,
        created_at: ctx.now,
        expires_at: ctx.now.saturating_add(args.expires_in.unwrap_or(DEFAULT_EXPIRY_NANOS)),
        not_before: args.not_before,
        status: ProposalStatus::Pending,
        votes: vec![VoteRecord { signer: ctx.caller, vote: Vote::Approve, at: ctx.now, reason: None }],
        execution_started_at: None,
        executed_at: None,
        outcome: None,
    };
    proposal.status = settled_status(&proposal, &wallet, ctx.now);
    store::dedup_put(&ctx.caller, &proposal.dedup_key, id);
    store::put(proposal.clone());
    history::record(ctx, HistoryEvent::Proposed { id });
    Ok((proposal, true))
}

/// Every check of a proposal that does not depend on its id.
pub fn validate(ctx: &CallContext, wallet: &Wallet, args: &ProposeArgs) -> Result<(), MultisigError> {
    check_chars("title", &args.title, TITLE_MIN_CHARS, TITLE_MAX_CHARS)?;
    if let Some(d) = &args.description {
        check_chars("description", d, 0, DESCRIPTION_MAX_CHARS)?;
    }
    check_chars("dedup key", &args.dedup_key, 1, DEDUP_KEY_MAX_CHARS)?;
    let expires_in = args.expires_in.unwrap_or(DEFAULT_EXPIRY_NANOS);
    if !(MIN_EXPIRY_NANOS..=MAX_EXPIRY_NANOS).contains(&expires_in) {
        return Err(MultisigError::InvalidArgument(format!(
            "a proposal expires in {MIN_EXPIRY_NANOS} to {MAX_EXPIRY_NANOS} nanoseconds"
        )));
    }
    if let Some(not_before) = args.not_before {
        if not_before > ctx.now.saturating_add(MAX_TIMELOCK_NANOS) || not_before >= ctx.now.saturating_add(expires_in) {
            return Err(MultisigError::InvalidArgument(
                "a timelock ends at most 30 days from now and before the proposal expires".into(),
            ));
        }
    }
    validate_action(ctx, wallet, &args.action)
}

fn positive_amount(amount: &Nat) -> Result<u128, MultisigError> {
    match to_u128(amount) {
        Some(0) => Err(MultisigError::InvalidArgument("amounts must be greater than zero".into())),
        Some(a) => Ok(a),
        None => Err(MultisigError::InvalidArgument("amounts must fit in 128 bits".into())),
    }
}

fn named_account(account: &Account) -> Result<(), MultisigError> {
    if account.owner == Principal::anonymous() {
        return Err(MultisigError::InvalidArgument("the anonymous principal cannot receive tokens".into()));
    }
    Ok(())
}

fn tracked(wallet: &Wallet, ledger: Principal) -> Result<(), MultisigError> {
    if wallet.tracks(&ledger) { Ok(()) } else { Err(MultisigError::UnknownToken { ledger }) }
}

/// An action's checks against the wallet as it is now (member and policy actions are checked again when
/// they execute).
pub fn validate_action(ctx: &CallContext, wallet: &Wallet, action: &ProposalAction) -> Result<(), MultisigError> {
    match action {
        ProposalAction::Transfer(t) => {
            tracked(wallet, t.ledger)?;
            named_account(&t.to)?;
            positive_amount(&t.amount)?;
            if t.memo.as_ref().is_some_and(|m| m.len() > MEMO_MAX_BYTES) {
                return Err(MultisigError::InvalidArgument(format!("a memo has at most {MEMO_MAX_BYTES} bytes")));
            }
        }
        ProposalAction::BatchTransfer(b) => {
            tracked(wallet, b.ledger)?;
            if b.rows.is_empty() || b.rows.len() > MAX_BATCH_ROWS {
                return Err(MultisigError::InvalidArgument(format!("a batch has 1 to {MAX_BATCH_ROWS} rows")));
            }
            let mut total: u128 = 0;
            for (i, row) in b.rows.iter().enumerate() {
                named_account(&row.to).map_err(|e| MultisigError::InvalidArgument(format!("row {i}: {e}")))?;
                let amount = positive_amount(&row.amount).map_err(|e| MultisigError::InvalidArgument(format!("row {i}: {e}")))?;
                total = total
                    .checked_add(amount)
                    .ok_or_else(|| MultisigError::InvalidArgument("the batch total must fit in 128 bits".into()))?;
            }
        }
        ProposalAction::Approve(a) => {
            tracked(wallet, a.ledger)?;
            named_account(&a.spender)?;
            positive_amount(&a.amount)?;
        }
        ProposalAction::Call(c) => {
            if c.canister == ctx.self_id {
                return Err(MultisigError::InvalidArgument("a call proposal cannot call the wallet itself".into()));
            }
            if wallet.limit_of(&c.canister).is_some() {
                return Err(MultisigError::InvalidArgument(
                    "a call proposal cannot call a ledger with a daily limit (the limit could not see it)".into(),
                ));
            }
            check_chars("method", &c.method, 1, METHOD_NAME_MAX_CHARS)?;
            if c.arg.len() > MAX_CALL_ARG_BYTES || !c.arg.starts_with(b"DIDL") {
                return Err(MultisigError::InvalidArgument(format!(
                    "a call's argument is Candid (starts with DIDL) of at most {MAX_CALL_ARG_BYTES} bytes"
                )));
            }
        }
        member_or_policy => member_rules::check(wallet, member_or_policy)?,
    }
    Ok(())
}

/// Approvals and rejections from current signers.
pub fn tally(p: &Proposal) -> (u32, u32) {
    p.votes.iter().filter(|v| members::is_signer(&v.signer)).fold((0, 0), |(a, r), v| match v.vote {
        Vote::Approve => (a + 1, r),
        Vote::Reject => (a, r + 1),
    })
}

/// A pending or approved proposal's status under the current policy at `now`; other statuses stay.
pub fn settled_status(p: &Proposal, wallet: &Wallet, now: u64) -> ProposalStatus {
    if !matches!(p.status, ProposalStatus::Pending | ProposalStatus::Approved) {
        return p.status;
    }
    if now >= p.expires_at {
        return ProposalStatus::Expired;
    }
    let (approvals, rejections) = tally(p);
    if approvals >= wallet.threshold {
        ProposalStatus::Approved
    } else if rejections >= wallet.rejections_to_reject() {
        ProposalStatus::Rejected
    } else {
        ProposalStatus::Pending
    }
}

/// Applies the current policy and time to a proposal (with the history entry of an expiry or a
/// rejection); whether its status changed. The caller stores it.
pub fn settle(ctx: &CallContext, p: &mut Proposal, wallet: &Wallet) -> bool {
    let status = settled_status(p, wallet, ctx.now);
    if status == p.status {
        return false;
    }
    p.status = status;
    match status {
        ProposalStatus::Expired => history::record(ctx, HistoryEvent::Expired { id: p.id }),
        ProposalStatus::Rejected => history::record(ctx, HistoryEvent::Rejected { id: p.id }),
        _ => {}
    }
    true
}

/// `settle`, storing a change.
pub fn touch(ctx: &CallContext, mut p: Proposal, wallet: &Wallet) -> Proposal {
    if settle(ctx, &mut p, wallet) {
        store::put(p.clone());
    }
    p
}

/// Closes every open proposal past its expiry (a walk of the open index; proposals executing stay).
pub fn expire_due(ctx: &CallContext) {
    let ids = store::open_expired_by(ctx.now);
    if ids.is_empty() {
        return;
    }
    let wallet = wallet_repo::get();
    for id in ids {
        if let Some(p) = store::get(id) {
            touch(ctx, p, &wallet);
        }
    }
}

/// Re-evaluates every open proposal after a change of signers or threshold.
pub fn reevaluate_open(ctx: &CallContext) {
    let wallet = wallet_repo::get();
    for id in store::open_ids() {
        if let Some(p) = store::get(id) {
            touch(ctx, p, &wallet);
        }
    }
}

/// A proposal as touched now (signers only may write; readers see the same through a query).
pub fn load(ctx: &CallContext, id: u64) -> Result<Proposal, MultisigError> {
    let p = store::get(id).ok_or(MultisigError::ProposalNotFound { id })?;
    Ok(touch(ctx, p, &wallet_repo::get()))
}

pub fn info(p: &Proposal, wallet: &Wallet) -> ProposalInfo {
    let (approvals, rejections) = tally(p);
    ProposalInfo {
        id: p.id,
        title: p.title.clone(),
        description: p.description.clone(),
        action: p.action.clone(),
        proposer: p.proposer,
        created_at: p.created_at,
        expires_at: p.expires_at,
        not_before: p.not_before,
        status: p.status,
        votes: p.votes.clone(),
        approvals,
        rejections,
        threshold: wallet.threshold,
        executed_at: p.executed_at,
        outcome: p.outcome.clone(),
    }
}

pub fn get(ctx: &CallContext, id: u64) -> Result<ProposalInfo, MultisigError> {
    let wallet = wallet_repo::get();
    access::require_reader(ctx, &wallet)?;
    Ok(info(&load(ctx, id)?, &wallet))
}

/// Newest first: all by id, open by id, closed by the time they closed.
pub fn list(ctx: &CallContext, filter: ProposalFilter, page: PageRequest) -> Result<ProposalPage, MultisigError> {
    let wallet = wallet_repo::get();
    access::require_reader(ctx, &wallet)?;
    expire_due(ctx);
    let limit = page.capped_limit();
    let (ids, total) = match filter {
        ProposalFilter::All => (store::newest_ids(page.offset, limit), store::count()),
        ProposalFilter::Open => (store::newest_open_ids(page.offset, limit), store::open_count()),
        ProposalFilter::Closed => (store::newest_closed_ids(page.offset, limit), store::closed_count()),
    };
    let items = ids.into_iter().filter_map(store::get).map(|p| info(&touch(ctx, p, &wallet), &wallet)).collect();
    Ok(ProposalPage { items, total })
}

/// The proposer withdraws a proposal while it is pending.
pub fn cancel(ctx: &CallContext, id: u64) -> Result<ProposalInfo, MultisigError> {
    access::require_signer(ctx)?;
    let mut p = load(ctx, id)?;
    if p.proposer != ctx.caller {
        return Err(MultisigError::Unauthorized);
    }
    if p.status != ProposalStatus::Pending {
        return Err(MultisigError::WrongStatus { status: p.status });
    }
    p.status = ProposalStatus::Cancelled;
    store::put(p.clone());
    history::record(ctx, HistoryEvent::Cancelled { id });
    Ok(info(&p, &wallet_repo::get()))
}
