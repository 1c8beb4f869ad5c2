//! The factory side of the registry. A factory's contracts report who relates to them (owner,
//! recipient, signer, observer, member, participant) to their factory; the factory accepts such a
//! callback only from a contract it deployed (`require_deployed`), applies it to its own role index, and
//! forwards it to the backend's registry through a `RelationshipOutbox`: changes are kept in stable
//! memory in the message that accepts them and sent in order, in batches, until the backend
//! acknowledges (its registry writes are idempotent, so a resend is harmless).

use crate::memory::Memory;
use crate::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::backend::{BackendError, RelationshipChange};
use icto_shared::kit::KitError;

/// The most changes sent to the backend in one call (the backend's limit per report).
pub const BATCH: usize = icto_shared::backend::limits::MAX_REPORT_CHANGES;

/// Refuses a callback from anyone but a contract this factory deployed (`deployed` asks the factory's
/// own records).
pub fn require_deployed(caller: Principal, deployed: impl FnOnce(&Principal) -> bool) -> Result<(), KitError> {
    if deployed(&caller) {
        Ok(())
    } else {
        Err(KitError::InvalidArgument(format!("{caller} is not a contract of this factory")))
    }
}

pub struct RelationshipOutbox {
    queue: StableBTreeMap<u64, Candid<RelationshipChange>, Memory>,
}

impl RelationshipOutbox {
    pub fn init(memory: Memory) -> RelationshipOutbox {
        RelationshipOutbox { queue: StableBTreeMap::init(memory) }
    }

    pub fn push(&mut self, changes: impl IntoIterator<Item = RelationshipChange>) {
        for change in changes {
            let next = self.queue.last_key_value().map_or(0, |(k, _)| k + 1);
            self.queue.insert(next, Candid(change));
        }
    }

    /// The oldest changes (at most `BATCH`) with their keys, to send.
    pub fn batch(&self) -> (Vec<u64>, Vec<RelationshipChange>) {
        self.queue.iter().take(BATCH).map(|e| (*e.key(), e.value().0)).unzip()
    }

    /// Drops what the backend acknowledged.
    pub fn acknowledge(&mut self, keys: &[u64]) {
        for k in keys {
            self.queue.remove(k);
        }
    }

    pub fn len(&self) -> u64 {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

/// Sends a batch to the backend's `report_relationships` (canister code only).
pub async fn forward(backend: Principal, changes: Vec<RelationshipChange>) -> Result<(), String> {
    let reply = ic_cdk::call::Call::unbounded_wait(backend, "report_relationships")
        .with_arg(changes)
        .await
        .map_err(|e| e.to_string())?;
    let result: Result<(), BackendError> = reply.candid().map_err(|e| e.to_string())?;
    result.map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};
    use icto_shared::backend::RelationshipAction;
    use icto_shared::role::Role;

    fn change(n: u8) -> RelationshipChange {
        RelationshipChange {
            user: Principal::from_slice(&[n]),
            role: Role::Owner,
            contract: Principal::from_slice(&[n, 1]),
            action: RelationshipAction::Add,
        }
    }

    #[test]
    fn changes_leave_in_order_and_only_when_acknowledged() {
        let mut outbox = RelationshipOutbox::init(get(Id::new(230)));
        outbox.push((0..150).map(change));
        let (keys, changes) = outbox.batch();
        assert_eq!((keys.len(), changes[0].clone(), changes[99].clone()), (BATCH, change(0), change(99)));
        outbox.acknowledge(&keys);
        let (_, rest) = outbox.batch();
        assert_eq!((rest.len(), rest[0].clone()), (50, change(100)));
        outbox.push([change(200)]);
        assert_eq!(outbox.len(), 51, "new changes queue behind the unacknowledged ones");
    }

    #[test]
    fn only_deployed_contracts_may_call_back() {
        let mine = Principal::from_slice(&[7]);
        assert!(require_deployed(mine, |c| *c == mine).is_ok());
        assert!(require_deployed(Principal::from_slice(&[8]), |c| *c == mine).is_err());
    }
}
