//! ICRC-2 transfer_from: the spender moves the owner's funds within its allowance (amount + fee).
//! A spender equal to the owner needs no allowance. Sending to the minting account burns (a `2burn`
//! block: a burn with the spender).

use super::balance_changes::BalanceChanges;
use super::block_writer::{self, NewBlock};
use super::context::CallContext;
use super::errors::{codes, TxError};
use super::params;
use super::transfer::{charge_fee, fee_for};
use super::validation;
use crate::hashing::block_hash::tx_hash;
use crate::models::account_key::AccountKey;
use crate::models::allowance::{AllowanceKey, StoredAllowance};
use crate::models::block::{Operation, Tx};
use crate::repositories::allowances;
use icto_shared::token::{Account, TransferFromArgs};

pub fn transfer_from(ctx: &CallContext, arg: TransferFromArgs) -> Result<u64, TxError> {
    let mut claim = None;
    let result = transfer_from_claiming(ctx, arg, &mut claim);
    validation::release_on_error(claim, result)
}

/// The transfer_from; once it has recorded the transaction for deduplication, `claim` holds that record.
fn transfer_from_claiming(ctx: &CallContext, arg: TransferFromArgs, claim: &mut Option<validation::DedupClaim>) -> Result<u64, TxError> {
    let params = params::load();
    if !params.icrc2_enabled {
        return Err(TxError::generic(codes::ICRC2_DISABLED, "ICRC-2 is not enabled on this ledger"));
    }
    let spender = Account { owner: ctx.caller, subaccount: arg.spender_subaccount };
    let spender_key = AccountKey::new(&spender);
    let from_key = AccountKey::new(&arg.from);
    let to_key = AccountKey::new(&arg.to);
    if from_key == params.minting_key {
        return Err(TxError::generic(codes::MINTER_NOT_ALLOWED, "the minting account cannot delegate mints"));
    }
    let op = if to_key == params.minting_key { Operation::Burn } else { Operation::Transfer };
    let memo = validation::memo(arg.memo, &params)?;
    let amount = validation::amount(&arg.amount)?;
    let fee_arg = arg.fee.as_ref().map(validation::saturating);
    let fee = fee_for(op, fee_arg, amount, &params)?;
    validation::created_at_time(arg.created_at_time, ctx.now)?;

    let delegated = spender_key != from_key;
    let tx = Tx {
        op,
        amount,
        from: Some(arg.from),
        to: (op == Operation::Transfer).then_some(arg.to),
        spender: delegated.then_some(spender),
        // ICRC-3: a burn block carries no `tx.fee` (the only fee it accepts is 0).
        fee: fee_arg.filter(|_| op == Operation::Transfer),
        memo,
        created_at_time: arg.created_at_time,
        expected_allowance: None,
        expires_at: None,
    };
    let hash = tx_hash(&tx);
    *claim = validation::dedup(arg.created_at_time, &hash, ctx.now, &params)?;

    let needed = amount.saturating_add(fee);
    let allowance_key = AllowanceKey::new(&from_key, &spender_key);
    let stored = if delegated {
        let stored = allowances::get(&allowance_key).filter(|a| !a.is_expired(ctx.now));
        let available = stored.map_or(0, |a| a.amount);
        if available < needed {
            return Err(TxError::InsufficientAllowance { allowance: available });
        }
        stored
    } else {
        None
    };

    let mut changes = BalanceChanges::default();
    changes.debit(from_key, needed)?;
    let mut burned = 0;
    if op == Operation::Transfer {
        changes.credit(to_key, amount)?;
        burned = charge_fee(&mut changes, fee, &params)?;
    } else {
        burned += amount;
    }
    let index = block_writer::append(
        ctx.now,
        NewBlock {
            tx,
            tx_hash: hash,
            effective_fee: (op == Operation::Transfer && fee_arg.is_none()).then_some(fee),
            fee_collected: op == Operation::Transfer && fee > 0 && params.fee_collector.is_some(),
            minted: 0,
            burned,
        },
    )?;
    changes.commit();
    if let Some(a) = stored {
        allowances::set(allowance_key, StoredAllowance { amount: a.amount - needed, expires_at: a.expires_at });
    }
    Ok(index)
}

