//! Fast ICRC-3 hashing of a block straight from its fields: no `Value` tree, key hashes computed once per
//! canister instance, integers LEB128-encoded on the stack. Gives the same hashes as `value_hash`.

use super::leb128::Leb128;
use super::sha256;
use crate::models::block::{Block, FeeCollectorRef, Operation, Tx};
use icto_shared::token::Account;
use sha2::{Digest, Sha256};

#[derive(Clone, Copy)]
enum Key {
    Phash,
    Ts,
    Fee,
    FeeCol,
    FeeColBlock,
    Tx,
    Op,
    Amt,
    From,
    To,
    Spender,
    Memo,
    ExpectedAllowance,
    ExpiresAt,
    Mint,
    Burn,
    Xfer,
    Approve,
}

const KEY_NAMES: [&str; 18] = [
    "phash", "ts", "fee", "fee_col", "fee_col_block", "tx", "op", "amt", "from", "to", "spender", "memo",
    "expected_allowance", "expires_at", "mint", "burn", "xfer", "approve",
];

thread_local! {
    static KEY_HASHES: [[u8; 32]; 18] = std::array::from_fn(|i| sha256(KEY_NAMES[i].as_bytes()));
}

fn key(k: Key) -> [u8; 32] {
    KEY_HASHES.with(|t| t[k as usize])
}

fn nat(n: u128) -> [u8; 32] {
    sha256(Leb128::new(n).as_slice())
}

thread_local! {
    static LAST_FEE_HASH: std::cell::Cell<Option<(u128, [u8; 32])>> = const { std::cell::Cell::new(None) };
}

/// `nat` for fees: nearly every block carries the same fee, so its hash is kept from the last block.
fn fee(n: u128) -> [u8; 32] {
    LAST_FEE_HASH.with(|c| match c.get() {
        Some((fee, hash)) if fee == n => hash,
        _ => {
            let hash = nat(n);
            c.set(Some((n, hash)));
            hash
        }
    })
}

fn account(a: &Account) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(sha256(a.owner.as_slice()));
    if let Some(s) = &a.subaccount {
        h.update(sha256(s));
    }
    h.finalize().into()
}

/// A map hash over at most 12 fields, sorted on the stack.
struct MapHasher {
    pairs: [[u8; 64]; 12],
    len: usize,
}

impl MapHasher {
    fn new() -> Self {
        MapHasher { pairs: [[0; 64]; 12], len: 0 }
    }
    fn field(&mut self, k: Key, value_hash: [u8; 32]) {
        let pair = &mut self.pairs[self.len];
        pair[..32].copy_from_slice(&key(k));
        pair[32..].copy_from_slice(&value_hash);
        self.len += 1;
    }
    fn finish(mut self) -> [u8; 32] {
        let pairs = &mut self.pairs[..self.len];
        pairs.sort_unstable();
        let mut h = Sha256::new();
        for p in pairs.iter() {
            h.update(p);
        }
        h.finalize().into()
    }

    /// `finish` for a `tx` map: "op" has the smallest key hash of all tx fields, so the first 64-byte
    /// block is (hash("op"), hash(op name)), the same for every transaction of that kind. The hasher
    /// state after that block is kept per operation, saving one SHA-256 compression per transaction.
    fn finish_tx(mut self, op: Operation) -> [u8; 32] {
        let pairs = &mut self.pairs[..self.len];
        pairs.sort_unstable();
        let mut h = op_block_state(op, &pairs[0]);
        for p in pairs[1..].iter() {
            h.update(p);
        }
        h.finalize().into()
    }
}

thread_local! {
    static OP_BLOCK_STATES: std::cell::RefCell<[Option<Sha256>; 4]> = const { std::cell::RefCell::new([None, None, None, None]) };
}

/// The hasher after absorbing the first pair of a tx map, computed once per operation and then cloned.
/// Falls back to hashing the pair when it is not the op pair (which the key order rules out).
fn op_block_state(op: Operation, first_pair: &[u8; 64]) -> Sha256 {
    if first_pair[..32] != key(Key::Op) {
        let mut h = Sha256::new();
        h.update(first_pair);
        return h;
    }
    OP_BLOCK_STATES.with(|states| {
        states.borrow_mut()[op as usize]
            .get_or_insert_with(|| {
                let mut h = Sha256::new();
                h.update(first_pair);
                h
            })
            .clone()
    })
}

/// Hash of the `tx` map: the transaction's identity, used for deduplication.
pub fn tx_hash(tx: &Tx) -> [u8; 32] {
    let mut m = MapHasher::new();
    let op = match tx.op {
        Operation::Mint => Key::Mint,
        Operation::Burn => Key::Burn,
        Operation::Transfer => Key::Xfer,
        Operation::Approve => Key::Approve,
    };
    m.field(Key::Op, key(op));
    m.field(Key::Amt, nat(tx.amount));
    if let Some(a) = &tx.from { m.field(Key::From, account(a)); }
    if let Some(a) = &tx.to { m.field(Key::To, account(a)); }
    if let Some(a) = &tx.spender { m.field(Key::Spender, account(a)); }
    if let Some(f) = tx.fee { m.field(Key::Fee, fee(f)); }
    if let Some(memo) = &tx.memo { m.field(Key::Memo, sha256(memo)); }
    if let Some(t) = tx.created_at_time { m.field(Key::Ts, nat(t as u128)); }
    if let Some(a) = tx.expected_allowance { m.field(Key::ExpectedAllowance, nat(a)); }
    if let Some(t) = tx.expires_at { m.field(Key::ExpiresAt, nat(t as u128)); }
    m.finish_tx(tx.op)
}

/// Hash of the whole block, given the hash of its `tx` map.
pub fn block_hash_with_tx(block: &Block, tx_hash: [u8; 32]) -> [u8; 32] {
    let mut m = MapHasher::new();
    if let Some(p) = &block.parent_hash { m.field(Key::Phash, sha256(p)); }
    m.field(Key::Ts, nat(block.timestamp as u128));
    if let Some(f) = block.effective_fee { m.field(Key::Fee, fee(f)); }
    match &block.fee_collector {
        FeeCollectorRef::None => {}
        FeeCollectorRef::Account(a) => m.field(Key::FeeCol, account(a)),
        FeeCollectorRef::Block(i) => m.field(Key::FeeColBlock, nat(*i as u128)),
    }
    m.field(Key::Tx, tx_hash);
    m.finish()
}

pub fn block_hash(block: &Block) -> [u8; 32] {
    block_hash_with_tx(block, tx_hash(&block.tx))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hashing::value_hash::hash_value;
    use crate::models::block::tests::sample_blocks;

    #[test]
    fn fast_hash_equals_generic_value_hash() {
        for b in sample_blocks() {
            assert_eq!(block_hash(&b), hash_value(&b.to_value()));
            assert_eq!(tx_hash(&b.tx), hash_value(&b.tx.to_value()));
        }
    }

    #[test]
    fn op_key_sorts_first_among_tx_keys() {
        let op = key(Key::Op);
        for k in [Key::Amt, Key::From, Key::To, Key::Spender, Key::Fee, Key::Memo, Key::Ts, Key::ExpectedAllowance, Key::ExpiresAt] {
            assert!(op < key(k));
        }
    }

    #[test]
    fn repeated_tx_hashes_stay_equal_to_the_generic_hash() {
        for _ in 0..3 {
            for b in sample_blocks() {
                assert_eq!(tx_hash(&b.tx), hash_value(&b.tx.to_value()));
            }
        }
    }

    #[test]
    fn fee_hash_follows_the_fee() {
        assert_eq!(fee(10_000), nat(10_000));
        assert_eq!(fee(10_000), nat(10_000));
        assert_eq!(fee(7), nat(7));
        assert_eq!(fee(10_000), nat(10_000));
    }

    #[test]
    fn any_field_changes_the_hash() {
        let b = sample_blocks()[1].clone();
        let mut other = b.clone();
        other.tx.amount += 1;
        assert_ne!(block_hash(&b), block_hash(&other));
        let mut other = b.clone();
        other.parent_hash = Some([0; 32]);
        assert_ne!(block_hash(&b), block_hash(&other));
    }
}
