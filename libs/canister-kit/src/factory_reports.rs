//! The contract side of the registry: a contract reports who relates to it (`RoleChange`s: its owner, its
//! recipients, signers, members, ...) to the factory that deployed it, through a durable outbox.
//!
//! - Changes are written to stable memory in the message that makes them (`report`), so an upgrade or a
//!   failed delivery loses none.
//! - A timer sends them in order, at most `BATCH` per call, to the factory's
//!   `report_relationships(vec RoleChange)`; a batch leaves the queue only when the factory replies `Ok`.
//!   On a reject or an `Err` the same batch is retried after a backoff (1 s, 2 s, 4 s, ... capped at
//!   `MAX_BACKOFF_SECONDS`). The factory's registry writes are idempotent, so a resend is harmless.
//! - One delivery at a time: while a batch is in flight no other is sent (so order holds).
//!
//! A contract calls `install(memory, factory, arm)` in `init` and `post_upgrade` (which also restarts
//! delivery of what is queued), and `report(changes)` wherever a relationship changes. `arm(delay_seconds)`
//! is the contract's: it sets a timer that runs `deliver(send)`. The kit sets no timer itself, so canisters
//! without an outbox do not link ic-cdk-timers (its global timer export and machinery). Heap state (the
//! in-flight flag, the failure count) starts afresh on upgrade. The queue and the delivery loop are the
//! kit's generic `outbox` (shared with the factories' forwarding to the backend, `relationships`).

use crate::memory::Memory;
use crate::outbox::{self, Courier, Target};
use candid::Principal;
use icto_shared::backend::RoleChange;
use std::cell::RefCell;
use std::future::Future;

pub use crate::outbox::{backoff_seconds, Arm, BATCH, MAX_BACKOFF_SECONDS};

/// The queue: changes by a key that only grows while the queue holds anything (the kit's `Outbox`).
pub type FactoryReports = outbox::Outbox<RoleChange>;

thread_local! {
    static REPORTER: RefCell<Option<Courier<RoleChange>>> = const { RefCell::new(None) };
}

/// Sets up the outbox in `memory` for `factory` and starts delivering what it holds. Call in `init` and
/// `post_upgrade`, before any `report`.
pub fn install(memory: Memory, factory: Principal, arm: Arm) {
    REPORTER.with(|r| *r.borrow_mut() = Some(Courier::new(memory, Target::Fixed(factory), arm)));
    outbox::schedule(&REPORTER, 0);
}

/// Queues `changes` (durably, in this message) and starts delivery.
pub fn report(changes: impl IntoIterator<Item = RoleChange>) {
    outbox::push(&REPORTER, changes);
}

/// Changes not yet acknowledged.
pub fn pending() -> u64 {
    outbox::pending(&REPORTER)
}

/// The oldest pending changes (at most `BATCH`), for tests and status views.
pub fn peek() -> Vec<RoleChange> {
    outbox::peek(&REPORTER)
}

/// Failed deliveries in a row (0 after a success).
pub fn failures() -> u32 {
    outbox::failures(&REPORTER)
}

/// Sends the oldest batch with `send` and applies the outcome: acknowledged on `Ok`, kept and retried
/// after a backoff otherwise. Then arms the next delivery if anything is left.
pub async fn deliver<F, Fut>(send: F)
where
    F: FnOnce(Principal, Vec<RoleChange>) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    outbox::deliver(&REPORTER, send).await
}

/// The factory's `report_relationships` (canister code only). Any `Err` counts as a refusal; its type is the
/// factory's own, so it is not decoded.
pub async fn send(factory: Principal, changes: Vec<RoleChange>) -> Result<(), String> {
    let reply = ic_cdk::call::Call::unbounded_wait(factory, "report_relationships")
        .with_arg(changes)
        .await
        .map_err(|e| e.to_string())?;
    let result: Result<(), candid::Reserved> = reply.candid().map_err(|e| e.to_string())?;
    result.map_err(|_| "the factory refused the report".to_string())
}

/// Whether a delivery is armed or in flight (tests).
pub fn is_busy() -> bool {
    outbox::is_busy(&REPORTER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};
    use icto_shared::backend::RelationshipAction;
    use icto_shared::role::Role;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    fn change(n: u32) -> RoleChange {
        let mut bytes = vec![9];
        bytes.extend(n.to_be_bytes());
        RoleChange { user: Principal::from_slice(&bytes), role: Role::Recipient, action: RelationshipAction::Add }
    }

    /// Runs a future that never waits (the host `send`s here reply at once).
    fn run<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("the future waited"),
        }
    }

    fn factory() -> Principal {
        Principal::from_slice(&[0xFA])
    }

    #[test]
    fn a_batch_leaves_only_when_the_factory_says_ok_and_in_order() {
        install(get(Id::new(241)), factory(), |_| {});
        report((0..120).map(change));
        assert_eq!(pending(), 120);

        // The factory refuses: nothing leaves, the failure is counted, a retry is armed with the same batch.
        let mut sent = Vec::new();
        run(deliver(|to, batch: Vec<RoleChange>| {
            sent.push((to, batch.clone()));
            async { Err("stopped".to_string()) }
        }));
        assert_eq!((pending(), failures(), is_busy()), (120, 1, true));
        run(deliver(|to, batch: Vec<RoleChange>| {
            sent.push((to, batch.clone()));
            async { Ok(()) }
        }));
        assert_eq!(sent[0], sent[1], "a refused batch is resent as it was");
        assert_eq!((sent[0].0, sent[0].1.len(), sent[0].1[0].clone()), (factory(), BATCH, change(0)));
        assert_eq!((pending(), failures(), is_busy()), (20, 0, true), "acknowledged: the first 100 left");

        // A change reported during a delivery queues behind the batch in flight.
        run(deliver(|_, batch: Vec<RoleChange>| {
            report([change(999)]);
            sent.push((factory(), batch));
            async { Ok(()) }
        }));
        assert_eq!(sent[2].1.first(), Some(&change(100)));
        assert_eq!(sent[2].1.len(), 20);
        assert_eq!(peek(), vec![change(999)]);
    }

    #[test]
    fn only_one_delivery_is_armed_at_a_time() {
        install(get(Id::new(242)), factory(), |_| {});
        assert!(!is_busy(), "nothing queued, nothing armed");
        report([change(1)]);
        assert!(is_busy(), "a report arms a delivery");
        report([change(2)]);
        assert!(is_busy());
        // The armed delivery sends both.
        let mut got = vec![];
        run(deliver(|_, batch: Vec<RoleChange>| {
            got = batch;
            async { Ok(()) }
        }));
        assert_eq!((got, pending(), is_busy()), (vec![change(1), change(2)], 0, false));
    }

    #[test]
    fn what_is_queued_survives_a_reinstall_of_the_reporter() {
        install(get(Id::new(243)), factory(), |_| {});
        report([change(7)]);
        // post_upgrade: the heap is fresh, the stable queue is not.
        REPORTER.with(|r| *r.borrow_mut() = None);
        install(get(Id::new(243)), factory(), |_| {});
        assert_eq!((pending(), is_busy()), (1, true), "delivery restarts after an upgrade");
    }
}
