//! Transactions with `created_at_time` inside the deduplication window, in one B-tree keyed by
//! (created_at_time, tx hash) -> block index. A duplicate has the same tx hash and therefore the same
//! `created_at_time` (it is part of the hashed tx), so the pair finds it exactly, and the time order lets
//! pruning take the oldest entries first. `claim` looks up and records in one B-tree walk.

use crate::memory::{self, Memory};
use crate::models::hash32::Hash32;
use ic_stable_structures::{Memory as _, StableBTreeMap};
use std::cell::{Cell, RefCell};

type Key = (u64, Hash32);

thread_local! {
    static ENTRIES: RefCell<StableBTreeMap<Key, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::DEDUP)));
    /// A lower bound of the oldest `created_at_time` stored (`None`: not known since the last upgrade),
    /// so that most transactions skip the pruning walk.
    static OLDEST: Cell<Option<u64>> = const { Cell::new(None) };
}

pub fn find(created_at_time: u64, tx_hash: &[u8; 32]) -> Option<u64> {
    ENTRIES.with(|m| m.borrow().get(&(created_at_time, Hash32(*tx_hash))))
}

/// Records the transaction for `block_index`, or returns the block index of the one already recorded
/// (which then stays as it was).
pub fn claim(created_at_time: u64, tx_hash: [u8; 32], block_index: u64) -> Result<(), u64> {
    let key = (created_at_time, Hash32(tx_hash));
    ENTRIES.with(|m| {
        let mut m = m.borrow_mut();
        match m.insert(key, block_index) {
            None => {
                OLDEST.with(|o| o.set(o.get().map(|t| t.min(created_at_time))));
                Ok(())
            }
            Some(existing) => {
                m.insert(key, existing);
                Err(existing)
            }
        }
    })
}

/// Undoes a `claim` whose transaction then failed.
pub fn release(created_at_time: u64, tx_hash: [u8; 32]) {
    ENTRIES.with(|m| m.borrow_mut().remove(&(created_at_time, Hash32(tx_hash))));
}

pub fn len() -> u64 {
    ENTRIES.with(|m| m.borrow().len())
}

/// Forgets up to `max` transactions created before `cutoff` (they can no longer be resubmitted).
pub fn prune_before(cutoff: u64, max: usize) -> usize {
    if OLDEST.with(|o| o.get()).is_some_and(|t| t >= cutoff) {
        return 0;
    }
    ENTRIES.with(|m| {
        let mut m = m.borrow_mut();
        let old: Vec<Key> = m.iter().take_while(|e| e.key().0 < cutoff).take(max).map(|e| *e.key()).collect();
        for key in &old {
            m.remove(key);
        }
        let oldest = m.first_key_value().map_or(u64::MAX, |(k, _)| k.0);
        OLDEST.with(|o| o.set(Some(oldest)));
        old.len()
    })
}

/// Moves the first layout (hash -> index and a (time, hash) index, two B-trees) into `ENTRIES`; run on
/// upgrade. Returns how many moved. A canister that never had the old layout has no memory there.
pub fn migrate_legacy() -> u64 {
    let (by_hash_memory, by_time_memory) =
        (memory::get(memory::LEGACY_DEDUP_BY_HASH), memory::get(memory::LEGACY_DEDUP_BY_TIME));
    if by_hash_memory.size() == 0 || by_time_memory.size() == 0 {
        return 0;
    }
    let mut by_hash: StableBTreeMap<Hash32, u64, Memory> = StableBTreeMap::init(by_hash_memory);
    let mut by_time: StableBTreeMap<Key, (), Memory> = StableBTreeMap::init(by_time_memory);
    let mut moved = 0;
    ENTRIES.with(|m| {
        let mut m = m.borrow_mut();
        for entry in by_time.iter() {
            let key = *entry.key();
            if let Some(index) = by_hash.get(&key.1) {
                m.insert(key, index);
                moved += 1;
            }
        }
    });
    by_hash.clear_new();
    by_time.clear_new();
    OLDEST.with(|o| o.set(None));
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_finds_duplicates_and_keeps_the_first_index() {
        assert_eq!(claim(5, [1; 32], 10), Ok(()));
        assert_eq!(claim(5, [1; 32], 11), Err(10));
        assert_eq!(find(5, &[1; 32]), Some(10), "a refused claim changes nothing");
        assert_eq!(claim(6, [1; 32], 12), Ok(()), "another time is another transaction");
        release(6, [1; 32]);
        assert_eq!(find(6, &[1; 32]), None);
        assert_eq!(len(), 1);
    }

    #[test]
    fn prunes_oldest_first_and_only_expired() {
        for (t, h) in [(30u64, 3u8), (10, 1), (20, 2)] {
            claim(t, [h; 32], h as u64).unwrap();
        }
        assert_eq!(prune_before(15, 4), 1);
        assert_eq!(find(10, &[1; 32]), None);
        assert_eq!(find(20, &[2; 32]), Some(2));
        assert_eq!(prune_before(15, 4), 0, "nothing older than the cutoff is left");
        assert_eq!(prune_before(100, 1), 1, "at most `max` per call");
        assert_eq!((find(20, &[2; 32]), find(30, &[3; 32])), (None, Some(3)));
        claim(1, [9; 32], 9).unwrap();
        assert_eq!(prune_before(2, 4), 1, "an older entry after a prune lowers the bound");
        assert_eq!(len(), 1);
    }

    #[test]
    fn legacy_layout_moves_into_one_map() {
        let mut by_hash: StableBTreeMap<Hash32, u64, Memory> =
            StableBTreeMap::init(memory::get(memory::LEGACY_DEDUP_BY_HASH));
        let mut by_time: StableBTreeMap<Key, (), Memory> =
            StableBTreeMap::init(memory::get(memory::LEGACY_DEDUP_BY_TIME));
        for h in 1..=3u8 {
            by_time.insert((h as u64, Hash32([h; 32])), ());
            by_hash.insert(Hash32([h; 32]), 100 + h as u64);
        }
        assert_eq!(migrate_legacy(), 3);
        assert_eq!(find(2, &[2; 32]), Some(102));
        assert_eq!(prune_before(3, 10), 2, "entries created at 1 and 2 expire");
        assert_eq!(find(3, &[3; 32]), Some(103));
        assert_eq!(migrate_legacy(), 0);
    }
}
