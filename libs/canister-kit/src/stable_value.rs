//! One value in stable memory (a canister's settings), read in place and changed by a closure: the
//! change is written back in the same message, so it survives upgrades and is never half-applied.

use crate::memory::Memory;
use crate::storable::Candid;
use candid::CandidType;
use ic_stable_structures::Cell;
use serde::de::DeserializeOwned;

pub struct StableValue<T: CandidType + DeserializeOwned + Clone>(Cell<Candid<T>, Memory>);

impl<T: CandidType + DeserializeOwned + Clone> StableValue<T> {
    /// The value stored in `memory`, or `default` in a memory never written.
    pub fn init(memory: Memory, default: T) -> StableValue<T> {
        StableValue(Cell::init(memory, Candid(default)))
    }

    pub fn get(&self) -> &T {
        &self.0.get().0
    }

    /// Applies `f` to a copy and stores the result.
    pub fn update<R>(&mut self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut value = self.0.get().0.clone();
        let r = f(&mut value);
        self.0.set(Candid(value));
        r
    }
}
