//! Hashing: ICRC-3 representation-independent hashes (generic and a fast path for blocks) and the
//! certified tip hash tree.

pub mod block_hash;
pub mod hash_tree;
pub mod leb128;
pub mod value_hash;

use sha2::{Digest, Sha256};

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}
