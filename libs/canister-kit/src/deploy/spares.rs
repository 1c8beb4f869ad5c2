//! Spare canisters: a canister created for a contract whose install then failed. Deleting it would
//! burn the cycles it was given, so the factory keeps it (it controls it, and it holds no code) and the
//! next deploy installs on it instead of creating a new one.

use crate::memory::Memory;
use candid::Principal;
use ic_stable_structures::storable::Blob;
use ic_stable_structures::StableBTreeMap;

/// The kept canisters, with the time each was kept.
pub struct SpareCanisters {
    kept: StableBTreeMap<Blob<29>, u64, Memory>,
}

fn key(canister: Principal) -> Blob<29> {
    Blob::try_from(canister.as_slice()).expect("a principal has at most 29 bytes")
}

impl SpareCanisters {
    pub fn init(memory: Memory) -> SpareCanisters {
        SpareCanisters { kept: StableBTreeMap::init(memory) }
    }

    /// Keeps `canister` for a later deploy.
    pub fn keep(&mut self, canister: Principal, now: u64) {
        self.kept.insert(key(canister), now);
    }

    /// Takes a kept canister out of the pool (call before the first await, so a concurrent
    /// deploy cannot take the same one).
    pub fn take(&mut self) -> Option<Principal> {
        let (oldest, _) = self.kept.pop_first()?;
        Some(Principal::from_slice(oldest.as_slice()))
    }

    pub fn list(&self) -> Vec<Principal> {
        self.kept.keys().map(|k| Principal::from_slice(k.as_slice())).collect()
    }
}
