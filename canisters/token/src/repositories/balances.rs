//! Balances: a B-tree from the fixed-size account key to a slot, and the amounts in a vector by slot.
//! A transaction looks an account up once (`find`) and then writes the amount in place (`write`), so
//! changing a known balance costs no second B-tree walk and no B-tree node rewrite. An account keeps its
//! slot when its balance drops to zero (a later credit reuses it).

use super::slot_cache;
use crate::memory::{self, Memory};
use crate::models::account_key::AccountKey;
use ic_stable_structures::{Memory as _, StableBTreeMap, Vec as StableVec};
use std::cell::RefCell;

thread_local! {
    static SLOTS: RefCell<StableBTreeMap<AccountKey, u64, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::BALANCE_SLOTS)));
    static AMOUNTS: StableVec<u128, Memory> = StableVec::init(memory::get(memory::BALANCE_AMOUNTS));
}

/// An account's balance as found, with where it is stored (`None`: not stored yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub slot: Option<u64>,
    pub balance: u128,
}

pub fn find(key: &AccountKey) -> Found {
    let slot = match slot_cache::lookup(key) {
        slot_cache::Lookup::Slot(slot) => Some(slot),
        slot_cache::Lookup::Absent => None,
        slot_cache::Lookup::Unknown => SLOTS.with(|s| s.borrow().get(key)).inspect(|slot| slot_cache::remember(*key, *slot)),
    };
    match slot {
        Some(slot) => Found { slot: Some(slot), balance: AMOUNTS.with(|a| a.get(slot).unwrap_or(0)) },
        None => Found { slot: None, balance: 0 },
    }
}

/// Loads the slot cache from stable memory (at init and after an upgrade, which empty the heap).
pub fn warm_cache() {
    SLOTS.with(|s| {
        let s = s.borrow();
        slot_cache::fill(s.len(), s.iter().map(|entry| (*entry.key(), entry.value())));
    });
}

pub fn get(key: &AccountKey) -> u128 {
    find(key).balance
}

/// Writes `balance` where `find` said the account is; a new account gets a slot unless the amount is 0.
pub fn write(key: AccountKey, slot: Option<u64>, balance: u128) {
    match slot {
        Some(slot) => AMOUNTS.with(|a| a.set(slot, &balance)),
        None if balance == 0 => {}
        None => {
            let slot = AMOUNTS.with(|a| {
                a.push(&balance);
                a.len() - 1
            });
            SLOTS.with(|s| s.borrow_mut().insert(key, slot));
            slot_cache::remember(key, slot);
        }
    }
}

pub fn set(key: AccountKey, balance: u128) {
    write(key, find(&key).slot, balance);
}

/// Accounts ever credited (including those whose balance is back to zero).
pub fn accounts() -> u64 {
    SLOTS.with(|s| s.borrow().len())
}

/// Stable bytes the balances occupy (both memories, in whole Wasm pages).
pub fn size_bytes() -> u64 {
    (memory::get(memory::BALANCE_SLOTS).size() + memory::get(memory::BALANCE_AMOUNTS).size()) * 65_536
}

/// Moves balances from the first layout (one B-tree account -> amount) into slots; run on upgrade.
/// Returns how many moved. A canister that never had the old layout has no memory there: nothing happens.
pub fn migrate_legacy() -> u64 {
    let legacy_memory = memory::get(memory::LEGACY_BALANCES);
    if legacy_memory.size() == 0 {
        return 0;
    }
    let mut legacy: StableBTreeMap<AccountKey, u128, Memory> = StableBTreeMap::init(legacy_memory);
    let mut moved = 0;
    for entry in legacy.iter() {
        set(*entry.key(), entry.value());
        moved += 1;
    }
    legacy.clear_new();
    moved
}

#[cfg(test)]
pub fn insert_legacy_for_test(key: AccountKey, balance: u128) {
    let mut legacy: StableBTreeMap<AccountKey, u128, Memory> =
        StableBTreeMap::init(memory::get(memory::LEGACY_BALANCES));
    legacy.insert(key, balance);
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Principal;
    use icto_shared::token::Account;

    fn key(n: u8) -> AccountKey {
        AccountKey::new(&Account::of(Principal::from_slice(&[n; 10])))
    }

    #[test]
    fn find_then_write_updates_in_place() {
        let k = key(201);
        assert_eq!(find(&k), Found { slot: None, balance: 0 });
        write(k, None, 0);
        assert_eq!(find(&k).slot, None, "a zero credit to a new account stores nothing");
        write(k, None, 50);
        let found = find(&k);
        assert_eq!(found.balance, 50);
        let slot = found.slot.expect("a slot");
        write(k, Some(slot), 0);
        assert_eq!(find(&k), Found { slot: Some(slot), balance: 0 }, "drained accounts keep their slot");
        set(k, 7);
        assert_eq!(find(&k), Found { slot: Some(slot), balance: 7 });
        set(key(202), 9);
        assert_eq!(get(&key(202)), 9);
        assert_eq!(get(&k), 7, "another account does not disturb this one");
    }

    #[test]
    fn lookups_fill_the_slot_cache_with_the_stored_slot() {
        let k = key(220);
        set(k, 5);
        let slot = find(&k).slot;
        assert_eq!(slot_cache::lookup(&k), slot_cache::Lookup::Slot(slot.unwrap()));
        assert!(slot_cache::len() >= 1);
        assert_eq!(slot_cache::lookup(&key(221)), slot_cache::Lookup::Unknown, "misses are not cached");
        assert_eq!(find(&key(221)), Found { slot: None, balance: 0 });
    }

    #[test]
    fn a_warmed_cache_is_complete_and_answers_misses_itself() {
        set(key(230), 3);
        warm_cache();
        assert!(slot_cache::is_complete());
        assert_eq!(slot_cache::len() as u64, accounts());
        assert_eq!(slot_cache::lookup(&key(231)), slot_cache::Lookup::Absent);
        assert_eq!(find(&key(231)), Found { slot: None, balance: 0 });
        set(key(231), 4);
        assert!(matches!(slot_cache::lookup(&key(231)), slot_cache::Lookup::Slot(_)), "new accounts join the cache");
        assert_eq!(get(&key(231)), 4);
        assert_eq!(get(&key(230)), 3);
    }

    #[test]
    fn a_cache_that_overflows_is_no_longer_complete() {
        slot_cache::fill(0, std::iter::empty());
        assert!(slot_cache::is_complete());
        for n in 0..=slot_cache::MAX_ENTRIES as u32 {
            let mut k = [0u8; 10];
            k[..4].copy_from_slice(&n.to_be_bytes());
            slot_cache::remember(AccountKey::new(&Account::of(Principal::from_slice(&k))), n as u64);
        }
        assert!(!slot_cache::is_complete(), "a miss must now ask stable memory");
        slot_cache::fill(slot_cache::MAX_ENTRIES as u64 + 1, std::iter::empty());
        assert!(!slot_cache::is_complete(), "too many accounts to load");
        assert_eq!(slot_cache::len(), 0);
    }

    #[test]
    fn legacy_balances_move_into_slots() {
        for n in 210..215u8 {
            insert_legacy_for_test(key(n), n as u128 * 1000);
        }
        assert_eq!(migrate_legacy(), 5);
        for n in 210..215u8 {
            assert_eq!(get(&key(n)), n as u128 * 1000);
        }
        assert_eq!(migrate_legacy(), 0, "the old map is empty afterwards");
    }
}
