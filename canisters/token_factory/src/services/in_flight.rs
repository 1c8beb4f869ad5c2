//! Marks an owner or canister as busy while a create/upgrade awaits the management canister, so a
//! second request cannot interleave. Heap-only: no call can be in flight across an upgrade.

use candid::Principal;
use icto_shared::factory::FactoryError;
use std::cell::RefCell;
use std::collections::BTreeSet;

thread_local! {
    static BUSY: RefCell<BTreeSet<Principal>> = const { RefCell::new(BTreeSet::new()) };
}

/// Released on drop, also when the awaiting call traps (the CDK drops its future in cleanup).
pub struct InFlight(Principal);

impl InFlight {
    pub fn acquire(key: Principal) -> Result<InFlight, FactoryError> {
        BUSY.with(|b| {
            if b.borrow_mut().insert(key) { Ok(InFlight(key)) } else { Err(FactoryError::OperationInProgress) }
        })
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        BUSY.with(|b| b.borrow_mut().remove(&self.0));
    }
}
