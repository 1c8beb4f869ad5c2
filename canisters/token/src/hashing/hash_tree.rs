//! The certified tip of the block log (ICRC-3): a hash tree with labels `last_block_hash` (the hash) and
//! `last_block_index` (LEB128), its root hash for `certified_data_set`, and its CBOR form for clients.

use super::leb128::Leb128;
use sha2::{Digest, Sha256};

const LABEL_HASH: &[u8] = b"last_block_hash";
const LABEL_INDEX: &[u8] = b"last_block_index";

fn domain_hash(sep: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update([sep.len() as u8]);
    h.update(sep);
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

fn leaf(v: &[u8]) -> [u8; 32] {
    domain_hash(b"ic-hashtree-leaf", &[v])
}
fn labeled(label: &[u8], sub: [u8; 32]) -> [u8; 32] {
    domain_hash(b"ic-hashtree-labeled", &[label, &sub])
}
fn fork(l: [u8; 32], r: [u8; 32]) -> [u8; 32] {
    domain_hash(b"ic-hashtree-fork", &[&l, &r])
}

/// Root hash of fork(labeled(last_block_hash, leaf), labeled(last_block_index, leaf)); labels sort so.
pub fn tip_root_hash(last_index: u64, last_hash: &[u8; 32]) -> [u8; 32] {
    let index = Leb128::new(last_index as u128);
    fork(labeled(LABEL_HASH, leaf(last_hash)), labeled(LABEL_INDEX, leaf(index.as_slice())))
}

/// The same tree in the IC's CBOR hash-tree encoding: fork = [1, l, r], labeled = [2, label, t], leaf = [3, v].
pub fn tip_tree_cbor(last_index: u64, last_hash: &[u8; 32]) -> Vec<u8> {
    let index = Leb128::new(last_index as u128);
    let mut out = Vec::with_capacity(96);
    out.extend_from_slice(&[0x83, 0x01]);
    for (label, value) in [(LABEL_HASH, &last_hash[..]), (LABEL_INDEX, index.as_slice())] {
        out.extend_from_slice(&[0x83, 0x02]);
        cbor_bytes(label, &mut out);
        out.extend_from_slice(&[0x82, 0x03]);
        cbor_bytes(value, &mut out);
    }
    out
}

fn cbor_bytes(b: &[u8], out: &mut Vec<u8>) {
    if b.len() < 24 {
        out.push(0x40 | b.len() as u8);
    } else {
        out.push(0x58);
        out.push(b.len() as u8);
    }
    out.extend_from_slice(b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbor_layout_is_fork_of_two_labeled_leaves() {
        let cbor = tip_tree_cbor(5, &[0xab; 32]);
        assert_eq!(&cbor[..4], &[0x83, 0x01, 0x83, 0x02]);
        assert_eq!(cbor[4], 0x40 | 15);
        assert_eq!(&cbor[5..20], b"last_block_hash");
        assert_eq!(&cbor[20..24], &[0x82, 0x03, 0x58, 32]);
        assert_eq!(&cbor[cbor.len() - 2..], &[0x41, 5]);
    }

    #[test]
    fn root_changes_with_index_and_hash() {
        let r = tip_root_hash(1, &[1; 32]);
        assert_ne!(r, tip_root_hash(2, &[1; 32]));
        assert_ne!(r, tip_root_hash(1, &[2; 32]));
    }
}
