//! Checks shared by transfer, approve and transfer_from: memo size, amounts, the time window, dedup.

use super::errors::{codes, TxError};
use super::params::TxParams;
use crate::repositories::{blocks, dedup};
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

/// A Nat clamped to u128, for a fee compared with the ledger's fee (a fee of u128::MAX is not one a
/// ledger sets, so a clamped value cannot match by accident).
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

/// A transaction recorded for deduplication before it is applied; released if it then fails.
#[must_use]
pub struct DedupClaim {
    created_at_time: u64,
    tx_hash: [u8; 32],
}

impl DedupClaim {
    pub fn release(self) {
        dedup::release(self.created_at_time, self.tx_hash);
    }
}

/// Only transactions with `created_at_time` deduplicate (ICRC-1). Records the transaction for the block
/// it will get (the next one) in the same B-tree walk that looks for a duplicate.
pub fn dedup(created_at: Option<u64>, tx_hash: &[u8; 32], now: u64, params: &TxParams) -> Result<Option<DedupClaim>, TxError> {
    let Some(created_at_time) = created_at else { return Ok(None) };
    dedup::claim(created_at_time, *tx_hash, blocks::len()).map_err(|index| TxError::Duplicate { duplicate_of: index })?;
    let claim = DedupClaim { created_at_time, tx_hash: *tx_hash };
    let cutoff = now.saturating_sub(TX_WINDOW_NANOS + PERMITTED_DRIFT_NANOS);
    dedup::prune_before(cutoff, DEDUP_PRUNE_PER_CALL);
    // The window held `len - 1` transactions before this one.
    if dedup::len() > params.max_transactions_in_window {
        claim.release();
        return Err(TxError::TemporarilyUnavailable);
    }
    Ok(Some(claim))
}

/// Runs the rest of a transaction after its dedup claim; a failure releases the claim.
pub fn release_on_error<T>(claim: Option<DedupClaim>, result: Result<T, TxError>) -> Result<T, TxError> {
    if let (Err(_), Some(claim)) = (&result, claim) {
        claim.release();
    }
    result
}
