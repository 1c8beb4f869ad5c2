//! Claims: a recipient (`msg_caller`) takes what has vested across their rows, up to an amount. One claim is
//! one transfer to one account: the first of the caller's accounts (by subaccount) with anything claimable.
//!
//! Order of work: checks, then the recipient's lock (a second claim while one awaits gets
//! `ClaimInProgress`), then the amounts are recorded as claimed and the claim as `Pending` (before the
//! await), then the transfer (`created_at_time` and a memo from (recipient, sequence number), so a resend is
//! deduplicated by the ledger). A refused or failed transfer restores every amount it took.
//!
//! Fees: activation funds one ledger fee per row. The first claim paying an account uses one of that
//! account's unused prepaid fees and the recipient receives the full amount; when none is left the fee is
//! taken out of the amount (the contract never pays more than it was funded for).

use crate::clients::ledger;
use crate::models::claims::Claim;
use crate::models::recipients::Recipient;
use crate::repositories::{campaign as repo, claims as store, recipients as rows};
use crate::services::to_u128;
use canister_kit::lock::Lock;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::distribution::*;
use icto_shared::token::{TransferArg, TransferError};
use sha2::{Digest, Sha256};

pub type ClaimLock = Lock<(&'static str, Principal)>;

/// A claim recorded and waiting for its transfer.
pub struct PendingClaim {
    pub seq: u64,
    pub ledger: Principal,
    pub arg: TransferArg,
}

pub fn begin_claim(ctx: &CallContext, amount: Option<Nat>) -> Result<(ClaimLock, PendingClaim), DistributionError> {
    if ctx.caller == Principal::anonymous() {
        return Err(DistributionError::NotARecipient);
    }
    let c = repo::get();
    // A campaign cancelled before activation was never funded for claims.
    if !matches!(c.status, CampaignStatus::Active | CampaignStatus::Cancelled) || c.activated_at.is_none() {
        return Err(DistributionError::WrongStatus { status: c.status });
    }
    let cap = match amount {
        None => u128::MAX,
        Some(n) => match to_u128(&n) {
            Some(0) | None => return Err(DistributionError::InvalidAmount),
            Some(cap) => cap,
        },
    };
    let lock = Lock::acquire(("claim", ctx.caller)).map_err(|_| DistributionError::ClaimInProgress)?;
    let mine: Vec<(u64, Recipient)> =
        rows::rows_of(ctx.caller).into_iter().filter_map(|row| rows::get(row).map(|r| (row, r))).collect();
    if mine.is_empty() {
        return Err(DistributionError::NotARecipient);
    }
    let horizon = c.vesting_horizon(ctx.now);
    let claimable = |r: &Recipient| c.categories[r.category as usize].schedule.claimable(r.amount, r.claimed, horizon);
    // Rows come by (subaccount, category): pay the first account with something claimable.
    let Some(account) = mine.iter().find(|(_, r)| claimable(r) > 0).map(|(_, r)| r.account()) else {
        return Err(DistributionError::NothingToClaim);
    };
    let same_account = |r: &Recipient| r.account().effective_subaccount() == account.effective_subaccount();
    let mut left = cap;
    let mut parts = Vec::new();
    for (row, r) in mine.iter().filter(|(_, r)| same_account(r)) {
        let take = claimable(r).min(left);
        if take > 0 {
            parts.push((*row, take));
            left -= take;
        }
        if left == 0 {
            break;
        }
    }
    let total: u128 = parts.iter().map(|(_, take)| take).sum();
    let fee = c.transfer_fee.expect("set at activation");
    let prepaid_row = mine.iter().find(|(_, r)| same_account(r) && r.prepaid_fee).map(|(row, _)| *row);
    let received = match prepaid_row {
        Some(_) => total,
        None if total > fee => total - fee,
        None => return Err(DistributionError::AmountBelowFee { fee: Nat::from(fee) }),
    };

    // Recorded before the await.
    for (row, r) in &mine {
        let take = parts.iter().find(|(p, _)| p == row).map_or(0, |(_, take)| *take);
        let uses_fee = prepaid_row == Some(*row);
        if take > 0 || uses_fee {
            let mut r = r.clone();
            r.claimed += take;
            r.prepaid_fee &= !uses_fee;
            rows::set(*row, r);
        }
    }
    let seq = repo::update(|c| {
        c.claimed += total;
        c.pending_claims += 1;
        c.claims += 1;
        c.claims - 1
    });
    store::put(Claim {
        seq,
        owner: ctx.caller,
        subaccount: account.subaccount,
        amount: total,
        received,
        parts,
        prepaid_row,
        at: ctx.now,
        state: ClaimState::Pending,
    });
    let arg = TransferArg {
        from_subaccount: None,
        to: account,
        amount: Nat::from(received),
        fee: Some(Nat::from(fee)),
        memo: Some(serde_bytes::ByteBuf::from(claim_memo(ctx.caller, seq))),
        created_at_time: Some(ctx.now),
    };
    Ok((lock, PendingClaim { seq, ledger: c.token_ledger, arg }))
}

/// Applies the transfer's outcome: paid (a `Duplicate` is the same transfer, already paid), or undone.
pub fn finish_claim(seq: u64, result: Result<Nat, DistributionError>) -> Result<ClaimRecord, DistributionError> {
    let mut claim = store::get(seq).expect("a pending claim is recorded");
    match result {
        Ok(block) | Err(DistributionError::Transfer(TransferError::Duplicate { duplicate_of: block })) => {
            claim.state = ClaimState::Paid { block };
            store::put(claim.clone());
            repo::update(|c| {
                c.pending_claims -= 1;
                let open = matches!(c.status, CampaignStatus::Active | CampaignStatus::Paused);
                if open && c.pending_claims == 0 && c.claimed == c.allocated {
                    c.status = CampaignStatus::Completed;
                }
            });
            Ok(record(claim))
        }
        Err(e) => {
            for (row, take) in &claim.parts {
                let mut r = rows::get(*row).expect("a claimed row exists");
                r.claimed -= take;
                rows::set(*row, r);
            }
            if let Some(row) = claim.prepaid_row {
                let mut r = rows::get(row).expect("a claimed row exists");
                r.prepaid_fee = true;
                rows::set(row, r);
            }
            repo::update(|c| {
                c.claimed -= claim.amount;
                c.pending_claims -= 1;
            });
            claim.state = ClaimState::Failed { reason: e.to_string() };
            store::put(claim);
            Err(e)
        }
    }
}

pub async fn claim(ctx: CallContext, amount: Option<Nat>) -> Result<ClaimRecord, DistributionError> {
    let (lock, pending) = begin_claim(&ctx, amount)?;
    let result = ledger::transfer(pending.ledger, pending.arg).await;
    let out = finish_claim(pending.seq, result);
    drop(lock);
    out
}

/// A claim's memo: SHA-256 of (recipient, sequence number), 32 bytes (the ICRC-1 default maximum).
pub fn claim_memo(owner: Principal, seq: u64) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(b"icto-distribution-claim");
    h.update([owner.as_slice().len() as u8]);
    h.update(owner.as_slice());
    h.update(seq.to_be_bytes());
    h.finalize().to_vec()
}

fn record(c: Claim) -> ClaimRecord {
    ClaimRecord {
        seq: c.seq,
        owner: c.owner,
        subaccount: c.subaccount,
        amount: Nat::from(c.amount),
        received: Nat::from(c.received),
        at: c.at,
        state: c.state,
    }
}

/// Every claim in order (paid, pending and failed).
pub fn list(page: PageRequest) -> Page<ClaimRecord> {
    Page { items: store::page(page.offset, page.capped_limit()).into_iter().map(record).collect(), total: store::count() }
}
