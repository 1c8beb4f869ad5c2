//! A durable outbox: an ordered queue of Candid items in stable memory, sent to another canister in
//! batches by a timer, each batch retried with backoff until the receiver acknowledges it. Both sides of
//! the registry use it: a contract's reports to its factory (`factory_reports`) and a factory's
//! forwarding to the backend (`relationships`).
//!
//! - Items are written to stable memory in the message that queues them (`Outbox::push`), so an upgrade
//!   or a failed delivery loses none. Stored as `u64 -> Candid<T>` in one memory.
//! - A delivery sends the oldest `BATCH` items; they leave the queue only when the receiver replies `Ok`.
//!   On a reject or an `Err` the same batch is retried after a backoff (1 s, 2 s, 4 s, ... capped at
//!   `MAX_BACKOFF_SECONDS`). The receivers' writes are idempotent, so a resend is harmless.
//! - One delivery at a time: while one is armed or in flight no other is (so order holds).
//!
//! The kit sets no timer itself: a `Courier` holds an `arm(delay_seconds)` hook of the canister's, which
//! sets a timer that runs the delivery (so canisters without an outbox do not link ic-cdk-timers). Heap
//! state (the busy flag, the failure count) starts afresh on upgrade.

use crate::memory::Memory;
use crate::storable::Candid;
use candid::{CandidType, Principal};
use ic_stable_structures::StableBTreeMap;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::future::Future;
use std::thread::LocalKey;

/// The most items in one call (the receivers' limit per report).
pub const BATCH: usize = icto_shared::backend::limits::MAX_REPORT_CHANGES;
pub const MAX_BACKOFF_SECONDS: u64 = 600;

/// The queue: items by a key that only grows while the queue holds anything.
pub struct Outbox<T: CandidType + DeserializeOwned> {
    queue: StableBTreeMap<u64, Candid<T>, Memory>,
}

impl<T: CandidType + DeserializeOwned> Outbox<T> {
    pub fn init(memory: Memory) -> Outbox<T> {
        Outbox { queue: StableBTreeMap::init(memory) }
    }

    pub fn push(&mut self, items: impl IntoIterator<Item = T>) {
        let first = self.queue.last_key_value().map_or(0, |(k, _)| k + 1);
        for (key, item) in (first..).zip(items) {
            self.queue.insert(key, Candid(item));
        }
    }

    /// The oldest items (at most `BATCH`) with their keys.
    pub fn batch(&self) -> (Vec<u64>, Vec<T>) {
        self.queue.iter().take(BATCH).map(|e| (*e.key(), e.value().0)).unzip()
    }

    /// Drops what the receiver acknowledged.
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

/// The delay before the next attempt after `failures` failures in a row.
pub fn backoff_seconds(failures: u32) -> u64 {
    if failures == 0 {
        0
    } else {
        (1u64 << (failures - 1).min(20)).min(MAX_BACKOFF_SECONDS)
    }
}

/// Sets a timer that runs the delivery after the given seconds (the canister's `ic_cdk_timers::set_timer`).
pub type Arm = fn(u64);

/// Where deliveries go: a principal known at install, or one read at each delivery (none: nothing is
/// sent until the next `schedule`).
#[derive(Clone, Copy)]
pub enum Target {
    Fixed(Principal),
    Read(fn() -> Option<Principal>),
}

/// An outbox with its delivery state.
pub struct Courier<T: CandidType + DeserializeOwned> {
    pub outbox: Outbox<T>,
    target: Target,
    arm: Arm,
    /// A timer is set or a batch is in flight.
    busy: bool,
    failures: u32,
}

impl<T: CandidType + DeserializeOwned> Courier<T> {
    pub fn new(memory: Memory, target: Target, arm: Arm) -> Courier<T> {
        Courier { outbox: Outbox::init(memory), target, arm, busy: false, failures: 0 }
    }
}

/// Where a canister keeps its courier (a `thread_local!`; `None` until installed).
pub type Slot<T> = LocalKey<RefCell<Option<Courier<T>>>>;

fn with<T: CandidType + DeserializeOwned, R>(slot: &'static Slot<T>, f: impl FnOnce(&mut Courier<T>) -> R) -> R {
    slot.with(|c| f(c.borrow_mut().as_mut().expect("the outbox was not installed")))
}

/// Queues `items` (durably, in this message) and arms a delivery.
pub fn push<T: CandidType + DeserializeOwned>(slot: &'static Slot<T>, items: impl IntoIterator<Item = T>) {
    with(slot, |c| c.outbox.push(items));
    schedule(slot, 0);
}

/// Items not yet acknowledged.
pub fn pending<T: CandidType + DeserializeOwned>(slot: &'static Slot<T>) -> u64 {
    with(slot, |c| c.outbox.len())
}

/// The oldest pending items (at most `BATCH`).
pub fn peek<T: CandidType + DeserializeOwned>(slot: &'static Slot<T>) -> Vec<T> {
    with(slot, |c| c.outbox.batch().1)
}

/// Failed deliveries in a row (0 after a success).
pub fn failures<T: CandidType + DeserializeOwned>(slot: &'static Slot<T>) -> u32 {
    with(slot, |c| c.failures)
}

/// Whether a delivery is armed or in flight.
pub fn is_busy<T: CandidType + DeserializeOwned>(slot: &'static Slot<T>) -> bool {
    with(slot, |c| c.busy)
}

/// Arms a delivery in `delay_seconds` unless one is armed or in flight, or nothing is queued.
pub fn schedule<T: CandidType + DeserializeOwned>(slot: &'static Slot<T>, delay_seconds: u64) {
    let arm = with(slot, |c| {
        if c.busy || c.outbox.is_empty() {
            None
        } else {
            c.busy = true;
            Some(c.arm)
        }
    });
    if let Some(arm) = arm {
        arm(delay_seconds);
    }
}

/// Sends the oldest batch with `send` and applies the outcome: acknowledged on `Ok`, kept and retried
/// after a backoff otherwise. Then arms the next delivery if anything is left. Without a target nothing
/// is sent and nothing armed.
pub async fn deliver<T, F, Fut>(slot: &'static Slot<T>, send: F)
where
    T: CandidType + DeserializeOwned + 'static,
    F: FnOnce(Principal, Vec<T>) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    // Releases `busy` however the delivery ends (also when a trap in the callback drops this future).
    struct Busy<T: CandidType + DeserializeOwned + 'static>(&'static Slot<T>);
    impl<T: CandidType + DeserializeOwned + 'static> Drop for Busy<T> {
        fn drop(&mut self) {
            self.0.with(|c| {
                if let Some(c) = c.borrow_mut().as_mut() {
                    c.busy = false;
                }
            });
        }
    }
    let busy = Busy(slot);
    let target = with(slot, |c| c.target);
    let Some(to) = (match target {
        Target::Fixed(p) => Some(p),
        Target::Read(read) => read(),
    }) else {
        return;
    };
    let (keys, items) = with(slot, |c| c.outbox.batch());
    if keys.is_empty() {
        return;
    }
    let delay = match send(to, items).await {
        Ok(()) => with(slot, |c| {
            c.outbox.acknowledge(&keys);
            c.failures = 0;
            0
        }),
        Err(_) => with(slot, |c| {
            c.failures = c.failures.saturating_add(1);
            backoff_seconds(c.failures)
        }),
    };
    drop(busy);
    schedule(slot, delay);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};
    use icto_shared::backend::{RelationshipAction, RelationshipChange, RoleChange};
    use icto_shared::role::Role;

    fn role_change(n: u32) -> RoleChange {
        let mut bytes = vec![9];
        bytes.extend(n.to_be_bytes());
        RoleChange { user: Principal::from_slice(&bytes), role: Role::Recipient, action: RelationshipAction::Add }
    }

    fn relationship_change(n: u8) -> RelationshipChange {
        RelationshipChange {
            user: Principal::from_slice(&[n]),
            role: Role::Owner,
            contract: Principal::from_slice(&[n, 1]),
            action: RelationshipAction::Add,
        }
    }

    #[test]
    fn the_queue_keeps_order_and_drops_only_acknowledged_keys() {
        let mut outbox = Outbox::init(get(Id::new(240)));
        outbox.push((0..150).map(role_change));
        let (keys, changes) = outbox.batch();
        assert_eq!((keys.len(), changes[0].clone(), changes[99].clone()), (BATCH, role_change(0), role_change(99)));
        outbox.acknowledge(&keys[..10]);
        assert_eq!(outbox.batch().1[0], role_change(10));
        outbox.acknowledge(&keys);
        outbox.push([role_change(500)]);
        let (_, rest) = outbox.batch();
        assert_eq!((rest.len(), rest[0].clone(), rest[50].clone()), (51, role_change(100), role_change(500)));
    }

    #[test]
    fn changes_leave_in_order_and_only_when_acknowledged() {
        let mut outbox = Outbox::init(get(Id::new(230)));
        outbox.push((0..150).map(relationship_change));
        let (keys, changes) = outbox.batch();
        assert_eq!(
            (keys.len(), changes[0].clone(), changes[99].clone()),
            (BATCH, relationship_change(0), relationship_change(99))
        );
        outbox.acknowledge(&keys);
        let (_, rest) = outbox.batch();
        assert_eq!((rest.len(), rest[0].clone()), (50, relationship_change(100)));
        outbox.push([relationship_change(200)]);
        assert_eq!(outbox.len(), 51, "new changes queue behind the unacknowledged ones");
    }

    #[test]
    fn backoff_doubles_from_one_second_up_to_the_cap() {
        let delays: Vec<u64> = (0..6).map(backoff_seconds).collect();
        assert_eq!(delays, vec![0, 1, 2, 4, 8, 16]);
        assert_eq!(backoff_seconds(11), MAX_BACKOFF_SECONDS);
        assert_eq!(backoff_seconds(u32::MAX), MAX_BACKOFF_SECONDS);
    }
}
