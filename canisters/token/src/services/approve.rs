//! ICRC-2 approve: sets (not adds to) the spender's allowance; the owner pays the fee.

use super::balance_changes::BalanceChanges;
use super::block_writer::{self, NewBlock};
use super::context::CallContext;
use super::errors::{codes, TxError};
use super::params;
use super::transfer::charge_fee;
use super::validation;
use crate::hashing::block_hash::tx_hash;
use crate::models::account_key::AccountKey;
use crate::models::allowance::{AllowanceKey, StoredAllowance};
use crate::models::block::{Operation, Tx};
use crate::repositories::allowances;
use icto_shared::token::{Account, ApproveArgs};

/// Expired allowances removed per approve: bounded work that keeps storage from growing with dead entries.
const PRUNE_PER_CALL: usize = 2;

pub fn approve(ctx: &CallContext, arg: ApproveArgs) -> Result<u64, TxError> {
    let mut claim = None;
    let result = approve_claiming(ctx, arg, &mut claim);
    validation::release_on_error(claim, result)
}

/// The approve; once it has recorded the transaction for deduplication, `claim` holds that record.
fn approve_claiming(ctx: &CallContext, arg: ApproveArgs, claim: &mut Option<validation::DedupClaim>) -> Result<u64, TxError> {
    let params = params::load();
    if !params.icrc2_enabled {
        return Err(TxError::generic(codes::ICRC2_DISABLED, "ICRC-2 is not enabled on this ledger"));
    }
    let from = Account { owner: ctx.caller, subaccount: arg.from_subaccount };
    let from_key = AccountKey::new(&from);
    let spender_key = AccountKey::new(&arg.spender);
    if from_key == params.minting_key {
        return Err(TxError::generic(codes::MINTER_NOT_ALLOWED, "the minting account cannot approve"));
    }
    // ICRC-2: "The ledger SHOULD reject the call if the spender account owner is equal to the source
    // account owner", so approving another subaccount of one's own principal is refused too.
    if arg.spender.owner == ctx.caller {
        return Err(TxError::generic(codes::SELF_APPROVAL, "an owner cannot approve its own accounts"));
    }
    let memo = validation::memo(arg.memo, &params)?;
    // An allowance is at most u128::MAX (more than any supply): a larger one is refused, not capped, so
    // the block records what the caller asked for.
    let amount = validation::amount(&arg.amount)?;
    let fee_arg = arg.fee.as_ref().map(validation::saturating);
    if fee_arg.is_some_and(|f| f != params.transfer_fee) {
        return Err(TxError::BadFee { expected_fee: params.transfer_fee });
    }
    validation::created_at_time(arg.created_at_time, ctx.now)?;
    if arg.expires_at.is_some_and(|t| t <= ctx.now) {
        return Err(TxError::Expired { ledger_time: ctx.now });
    }
    let key = AllowanceKey::new(&from_key, &spender_key);
    let expected = match arg.expected_allowance.as_ref().map(|n| u128::try_from(&n.0)) {
        None => None,
        Some(Ok(expected)) => Some(expected),
        // No allowance exceeds u128::MAX, so this expectation cannot hold.
        Some(Err(_)) => {
            return Err(TxError::AllowanceChanged { current_allowance: current_allowance(&key, ctx.now) })
        }
    };

    let tx = Tx {
        op: Operation::Approve,
        amount,
        from: Some(from),
        to: None,
        spender: Some(arg.spender),
        fee: fee_arg,
        memo,
        created_at_time: arg.created_at_time,
        expected_allowance: expected,
        expires_at: arg.expires_at,
    };
    let hash = tx_hash(&tx);
    *claim = validation::dedup(arg.created_at_time, &hash, ctx.now, &params)?;

    let current = current_allowance(&key, ctx.now);
    if let Some(expected) = expected {
        if expected != current {
            return Err(TxError::AllowanceChanged { current_allowance: current });
        }
    }
    let fee = params.transfer_fee;
    let mut changes = BalanceChanges::default();
    changes.debit(from_key, fee)?;
    let burned = charge_fee(&mut changes, fee, &params)?;

    let index = block_writer::append(
        ctx.now,
        NewBlock {
            tx,
            tx_hash: hash,
            effective_fee: fee_arg.is_none().then_some(fee),
            fee_collected: fee > 0 && params.fee_collector.is_some(),
            minted: 0,
            burned,
        },
    )?;
    changes.commit();
    allowances::set(key, StoredAllowance { amount, expires_at: arg.expires_at });
    allowances::prune_expired(ctx.now, PRUNE_PER_CALL);
    Ok(index)
}

/// The allowance in force now: an expired one counts as zero.
pub fn current_allowance(key: &AllowanceKey, now: u64) -> u128 {
    match allowances::get(key) {
        Some(a) if !a.is_expired(now) => a.amount,
        _ => 0,
    }
}

/// ICRC-2 allowance query.
pub fn allowance(owner: &Account, spender: &Account, now: u64) -> (u128, Option<u64>) {
    let key = AllowanceKey::new(&AccountKey::new(owner), &AccountKey::new(spender));
    match allowances::get(&key) {
        Some(a) if !a.is_expired(now) => (a.amount, a.expires_at),
        _ => (0, None),
    }
}
