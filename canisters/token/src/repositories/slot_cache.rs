//! Heap cache of account -> balance slot. A slot never changes once given, so the cache can never be
//! stale; it only saves the B-tree walk (~25k instructions) for accounts seen since the last upgrade.
//! Bounded: when full it starts over (cheap, and busy accounts come back at once).

use crate::models::account_key::AccountKey;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// About 6 MB of heap at most.
const MAX_ENTRIES: usize = 65_536;

/// FNV-1a over 8-byte words: the keys are fixed-size and not attacker-chosen in a way that matters
/// (a collision only costs speed, and the map is bounded), so SipHash's cost buys nothing here.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0 ^ u64::from_le_bytes(word)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

thread_local! {
    static CACHE: RefCell<HashMap<AccountKey, u64, BuildHasherDefault<KeyHasher>>> = RefCell::new(HashMap::default());
}

pub fn get(key: &AccountKey) -> Option<u64> {
    CACHE.with(|c| c.borrow().get(key).copied())
}

pub fn remember(key: AccountKey, slot: u64) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_ENTRIES {
            c.clear();
        }
        c.insert(key, slot);
    });
}

#[cfg(test)]
pub fn len() -> usize {
    CACHE.with(|c| c.borrow().len())
}
