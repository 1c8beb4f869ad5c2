//! Checks shared by transfer, approve and transfer_from: memo size, amounts, the time window, dedup.

use super::errors::{codes, TxError};
use super::params::TxParams;
use crate::repositories::dedup;
use candid::Nat;
use serde_bytes::ByteBuf;

/// ICRC-1 deduplication window and permitted clock drift.
pub const TX_WINDOW_NANOS: u64 = 24 * 60 * 60 * 1_000_000_000;
pub const PERMITTED_DRIFT_NANOS: u64 = 2 * 60 * 1_000_000_000;
/// Old dedup entries dropped per transaction: bounded work, still faster than entries arrive.
const DEDUP_PRUNE_PER_CALL: usize = 4;

pub fn memo(memo: Option<ByteBuf>, params: &TxParams) -> Result<Option<Vec<u8>>, TxError> {
    match memo {
        Some(m) if m.len() > params.max_memo_length as usize => Err(TxError::generic(
            codes::MEMO_TOO_LONG,
            format!("memo is {} bytes; the maximum is {}", m.len(), params.max_memo_length),
        )),
        other => Ok(other.map(ByteBuf::into_vec)),
    }
}

/// An amount as u128; larger ones exceed any balance or supply this ledger can hold.
pub fn amount(n: &Nat) -> Result<u128, TxError> {
    u128::try_from(&n.0).map_err(|_| TxError::generic(codes::AMOUNT_TOO_LARGE, "amount does not fit in 128 bits"))
}

/// A Nat clamped to u128 (for fields compared for equality, where clamping cannot create a false match
/// that matters: a fee or expected allowance above u128::MAX never equals a stored value below it).
pub fn saturating(n: &Nat) -> u128 {
    u128::try_from(&n.0).unwrap_or(u128::MAX)
}

pub fn created_at_time(created_at: Option<u64>, now: u64) -> Result<(), TxError> {
    let Some(t) = created_at else { return Ok(()) };
    if t.saturating_add(TX_WINDOW_NANOS).saturating_add(PERMITTED_DRIFT_NANOS) < now {
        return Err(TxError::TooOld);
    }
    if t > now.saturating_add(PERMITTED_DRIFT_NANOS) {
        return Err(TxError::CreatedInFuture { ledger_time: now });
    }
    Ok(())
}

/// Only transactions with `created_at_time` deduplicate (ICRC-1).
pub fn dedup(created_at: Option<u64>, tx_hash: &[u8; 32], now: u64, params: &TxParams) -> Result<(), TxError> {
    if created_at.is_none() {
        return Ok(());
    }
    if let Some(index) = dedup::find(tx_hash) {
        return Err(TxError::Duplicate { duplicate_of: index });
    }
    let cutoff = now.saturating_sub(TX_WINDOW_NANOS + PERMITTED_DRIFT_NANOS);
    dedup::prune_before(cutoff, DEDUP_PRUNE_PER_CALL);
    if dedup::len() >= params.max_transactions_in_window {
        return Err(TxError::TemporarilyUnavailable);
    }
    Ok(())
}
