//! Each contract's code changes, oldest first: what version was installed when and how. The last entry
//! is what runs now; a rollback goes to the version of the entry before it.

use crate::memory::Memory;
use crate::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::kit::KitError;
use icto_shared::template::DeployRecord;

pub struct DeployHistory {
    /// (contract, n-th change) -> the change.
    entries: StableBTreeMap<(Principal, u32), Candid<DeployRecord>, Memory>,
}

impl DeployHistory {
    pub fn init(memory: Memory) -> DeployHistory {
        DeployHistory { entries: StableBTreeMap::init(memory) }
    }

    pub fn record(&mut self, contract: Principal, change: DeployRecord) {
        let next = self.entries.range((contract, 0)..=(contract, u32::MAX)).next_back().map_or(0, |e| e.key().1 + 1);
        self.entries.insert((contract, next), Candid(change));
    }

    /// Every change of `contract`, oldest first.
    pub fn of(&self, contract: Principal) -> Vec<DeployRecord> {
        self.entries.range((contract, 0)..=(contract, u32::MAX)).map(|e| e.value().0).collect()
    }

    pub fn current(&self, contract: Principal) -> Option<DeployRecord> {
        self.entries.range((contract, 0)..=(contract, u32::MAX)).next_back().map(|e| e.value().0)
    }

    /// The version that ran before the current one (what a rollback installs).
    pub fn previous_version(&self, contract: Principal) -> Result<u32, KitError> {
        let mut newest_first = self.entries.range((contract, 0)..=(contract, u32::MAX)).rev().map(|e| e.value().0);
        let current = newest_first.next().ok_or(KitError::NothingToRollBack)?;
        newest_first.find(|c| c.version != current.version).map(|c| c.version).ok_or(KitError::NothingToRollBack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};
    use icto_shared::template::DeployKind;

    fn change(version: u32, kind: DeployKind, at: u64) -> DeployRecord {
        DeployRecord { version, sha256: vec![version as u8; 32], kind, at }
    }

    #[test]
    fn history_is_per_contract_and_rollback_targets_the_version_before() {
        let mut h = DeployHistory::init(get(Id::new(220)));
        let (a, b) = (Principal::from_slice(&[1]), Principal::from_slice(&[2]));
        assert_eq!(h.previous_version(a), Err(KitError::NothingToRollBack));
        h.record(a, change(1, DeployKind::Install, 10));
        assert_eq!(h.previous_version(a), Err(KitError::NothingToRollBack));
        h.record(b, change(1, DeployKind::Install, 11));
        h.record(a, change(2, DeployKind::Upgrade, 12));
        h.record(a, change(2, DeployKind::Upgrade, 13));
        assert_eq!(h.previous_version(a), Ok(1), "a re-install of the same version is not a step back");
        h.record(a, change(1, DeployKind::Rollback, 14));
        assert_eq!(h.current(a).map(|c| c.version), Some(1));
        assert_eq!(h.of(a).len(), 4);
        assert_eq!(h.of(b), vec![change(1, DeployKind::Install, 11)]);
    }
}
