//! Appends a block: links it to the previous one, hashes it, stores it, updates the total supply and the
//! certified tip (deduplication recorded the transaction already, see `validation::dedup`).

use super::errors::{codes, TxError};
use crate::hashing::block_hash::block_hash_with_tx;
use crate::hashing::hash_tree::tip_root_hash;
use crate::models::block::{Block, FeeCollectorRef, Tx};
use crate::models::tip::LedgerTip;
use crate::repositories::{blocks, settings, tip};
use crate::runtime;

pub struct NewBlock {
    pub tx: Tx,
    pub tx_hash: [u8; 32],
    /// The fee charged when the caller gave none.
    pub effective_fee: Option<u128>,
    /// Whether a fee went to the fee collector (then the block names it).
    pub fee_collected: bool,
    pub minted: u128,
    pub burned: u128,
}

/// Appends the block and returns its index. Fails (changing nothing) only when stable memory is full
/// or the supply would overflow; call it after every check has passed and before writing balances.
pub fn append(now: u64, new: NewBlock) -> Result<u64, TxError> {
    let index = blocks::len();
    let current = tip::get();
    let total_supply = current
        .total_supply
        .checked_add(new.minted)
        .and_then(|t| t.checked_sub(new.burned))
        .ok_or_else(|| TxError::generic(codes::BALANCE_OVERFLOW, "the total supply would overflow"))?;
    let fee_collector = if new.fee_collected { fee_collector_ref() } else { FeeCollectorRef::None };
    let block = Block {
        parent_hash: current.last_hash,
        timestamp: now,
        effective_fee: new.effective_fee,
        fee_collector,
        tx: new.tx,
    };
    let hash = block_hash_with_tx(&block, new.tx_hash);
    blocks::append(&block.encode())
        .map_err(|_| TxError::generic(codes::STORAGE_FULL, "the ledger's stable memory is full"))?;
    if let FeeCollectorRef::Account(_) = block.fee_collector {
        let mut s = settings::get();
        s.fee_collector_block = Some(index);
        settings::set(s);
    }
    tip::set(LedgerTip {
        last_hash: Some(hash),
        total_supply,
    });
    runtime::set_certified_data(&tip_root_hash(index, &hash));
    Ok(index)
}

/// The first block after the collector is set names it; later ones point to that block.
fn fee_collector_ref() -> FeeCollectorRef {
    settings::with(|s| match (&s.fee_collector, s.fee_collector_block) {
        (None, _) => FeeCollectorRef::None,
        (Some(_), Some(b)) => FeeCollectorRef::Block(b),
        (Some(a), None) => FeeCollectorRef::Account(a.clone()),
    })
}

/// Re-certifies the current tip (after init and upgrade).
pub fn certify_tip() {
    let len = blocks::len();
    if let (Some(hash), true) = (tip::get().last_hash, len > 0) {
        runtime::set_certified_data(&tip_root_hash(len - 1, &hash));
    }
}
