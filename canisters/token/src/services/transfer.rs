//! ICRC-1 transfer: a mint when sent from the minting account, a burn when sent to it, else a transfer.

use super::balance_changes::BalanceChanges;
use super::block_writer::{self, NewBlock};
use super::context::CallContext;
use super::errors::{codes, TxError};
use super::params::{self, TxParams};
use super::validation;
use crate::hashing::block_hash::tx_hash;
use crate::models::account_key::AccountKey;
use crate::models::block::{Operation, Tx};
use crate::repositories::tip;
use icto_shared::token::{Account, TransferArg};

pub fn transfer(ctx: &CallContext, arg: TransferArg) -> Result<u64, TxError> {
    let mut claim = None;
    let result = transfer_claiming(ctx, arg, &mut claim);
    validation::release_on_error(claim, result)
}

/// The transfer; once it has recorded the transaction for deduplication, `claim` holds that record.
fn transfer_claiming(ctx: &CallContext, arg: TransferArg, claim: &mut Option<validation::DedupClaim>) -> Result<u64, TxError> {
    let params = params::load();
    let from = Account { owner: ctx.caller, subaccount: arg.from_subaccount };
    let memo = validation::memo(arg.memo, &params)?;
    let amount = validation::amount(&arg.amount)?;
    let fee_arg = arg.fee.as_ref().map(validation::saturating);
    let from_key = AccountKey::new(&from);
    let to_key = AccountKey::new(&arg.to);
    let op = operation(from_key, to_key, &params)?;
    let fee = fee_for(op, fee_arg, amount, &params)?;
    validation::created_at_time(arg.created_at_time, ctx.now)?;

    let tx = Tx {
        op,
        amount,
        from: (op != Operation::Mint).then_some(from),
        to: (op != Operation::Burn).then_some(arg.to),
        spender: None,
        // ICRC-3: mint and burn blocks carry no `tx.fee` (the only fee they accept is 0).
        fee: fee_arg.filter(|_| op == Operation::Transfer),
        memo,
        created_at_time: arg.created_at_time,
        expected_allowance: None,
        expires_at: None,
    };
    let hash = tx_hash(&tx);
    *claim = validation::dedup(arg.created_at_time, &hash, ctx.now, &params)?;

    let mut changes = BalanceChanges::default();
    let (mut minted, mut burned) = (0, 0);
    match op {
        Operation::Mint => {
            changes.credit(to_key, amount)?;
            minted = amount;
        }
        Operation::Burn => {
            changes.debit(from_key, amount)?;
            burned = amount;
        }
        _ => {
            // Saturating: an amount near u128::MAX fails as insufficient funds.
            changes.debit(from_key, amount.saturating_add(fee))?;
            changes.credit(to_key, amount)?;
            burned = charge_fee(&mut changes, fee, &params)?;
        }
    }
    if tip::get().total_supply.checked_add(minted).is_none() {
        return Err(TxError::generic(codes::BALANCE_OVERFLOW, "total supply would overflow"));
    }
    let index = block_writer::append(
        ctx.now,
        NewBlock {
            tx,
            tx_hash: hash,
            effective_fee: (op == Operation::Transfer && fee_arg.is_none()).then_some(fee),
            fee_collected: op == Operation::Transfer && fee > 0 && params.fee_collector.is_some(),
            minted,
            burned,
        },
    )?;
    changes.commit();
    Ok(index)
}

fn operation(from: AccountKey, to: AccountKey, params: &TxParams) -> Result<Operation, TxError> {
    match (from == params.minting_key, to == params.minting_key) {
        (true, true) => Err(TxError::generic(codes::MINTER_NOT_ALLOWED, "the minting account cannot send to itself")),
        (true, false) => Ok(Operation::Mint),
        (false, true) => Ok(Operation::Burn),
        (false, false) => Ok(Operation::Transfer),
    }
}

/// Mints and burns are free (a set fee must be 0); a burn must be at least the transfer fee.
pub fn fee_for(op: Operation, fee_arg: Option<u128>, amount: u128, params: &TxParams) -> Result<u128, TxError> {
    match op {
        Operation::Mint | Operation::Burn => {
            if fee_arg.is_some_and(|f| f != 0) {
                return Err(TxError::BadFee { expected_fee: 0 });
            }
            if op == Operation::Burn && amount < params.transfer_fee {
                return Err(TxError::BadBurn { min_burn_amount: params.transfer_fee });
            }
            Ok(0)
        }
        _ => {
            if fee_arg.is_some_and(|f| f != params.transfer_fee) {
                return Err(TxError::BadFee { expected_fee: params.transfer_fee });
            }
            Ok(params.transfer_fee)
        }
    }
}

/// Credits the fee to the fee collector, or burns it; returns the amount burned.
pub fn charge_fee(changes: &mut BalanceChanges, fee: u128, params: &TxParams) -> Result<u128, TxError> {
    match &params.fee_collector {
        Some(collector) if fee > 0 => {
            changes.credit(AccountKey::new(collector), fee)?;
            Ok(0)
        }
        _ => Ok(fee),
    }
}
