//! The factory side of the registry. A factory's contracts report who relates to them (owner,
//! recipient, signer, observer, member, participant) to their factory; the factory accepts such a
//! callback only from a contract it deployed (`require_deployed`), applies it to its own role index, and
//! forwards it to the backend's registry through a `Forwarder`: changes are kept in stable memory in the
//! message that accepts them (the kit's `outbox`) and sent in order, in batches, by a timer, retried with
//! backoff until the backend acknowledges (its registry writes are idempotent, so a resend is harmless).
//!
//! A factory declares `const FORWARDER: Forwarder = Forwarder { outbox, backend, arm }` (its outbox's
//! `MemoryId`, a function reading the backend id from its settings, and its timer hook: `arm(delay)` sets
//! an `ic_cdk_timers` timer that runs `deliver(send)`; the kit sets no timer itself). The outbox is opened
//! on first use; `FORWARDER.resume()` in `post_upgrade` (and when the backend is set) restarts delivery.

use crate::outbox::{self, Courier, Outbox, Slot, Target};
use candid::Principal;
use ic_stable_structures::memory_manager::MemoryId;
use icto_shared::backend::{BackendError, RelationshipChange, RoleChange};
use icto_shared::kit::KitError;
use std::cell::RefCell;
use std::future::Future;

pub use crate::outbox::Arm;

/// The most changes sent to the backend in one call (the backend's limit per report).
pub const BATCH: usize = outbox::BATCH;

/// Refuses a callback from anyone but a contract this factory deployed (`deployed` asks the factory's
/// own records).
pub fn require_deployed(caller: Principal, deployed: impl FnOnce(&Principal) -> bool) -> Result<(), KitError> {
    if deployed(&caller) {
        Ok(())
    } else {
        Err(KitError::InvalidArgument(format!("{caller} is not a contract of this factory")))
    }
}

/// Why a factory refuses a contract's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportRefusal {
    /// The caller is not a contract this factory deployed.
    NotDeployed,
    TooManyChanges { max: usize },
}

impl std::fmt::Display for ReportRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportRefusal::NotDeployed => write!(f, "the caller is not a contract of this factory"),
            ReportRefusal::TooManyChanges { max } => write!(f, "at most {max} changes per report"),
        }
    }
}

/// The factory's queue of changes for the backend (the kit's `Outbox`, `u64 -> Candid<RelationshipChange>`).
pub type RelationshipOutbox = Outbox<RelationshipChange>;

/// How a factory forwards its relationship changes to the backend.
pub struct Forwarder {
    /// The outbox's memory.
    pub outbox: MemoryId,
    /// The backend to send to, read at each delivery (none: nothing is sent until `resume`).
    pub backend: fn() -> Option<Principal>,
    /// Sets a timer that runs `deliver(send)` after the given seconds.
    pub arm: Arm,
}

thread_local! {
    static FORWARDER: RefCell<Option<Courier<RelationshipChange>>> = const { RefCell::new(None) };
}

impl Forwarder {
    fn installed(&self) -> &'static Slot<RelationshipChange> {
        FORWARDER.with(|f| {
            let mut f = f.borrow_mut();
            if f.is_none() {
                *f = Some(Courier::new(crate::memory::get(self.outbox), Target::Read(self.backend), self.arm));
            }
        });
        &FORWARDER
    }

    /// Queues `changes` (durably, in this message) and arms a delivery.
    pub fn forward(&self, changes: impl IntoIterator<Item = RelationshipChange>) {
        outbox::push(self.installed(), changes);
    }

    /// A contract's report about itself, as every factory takes it: refused unless `caller` is a contract
    /// of this factory (`deployed`) or when it holds more than `BATCH` changes; else each change is applied
    /// to the factory's own index (`apply` says whether it changed anything) and what changed is forwarded.
    pub fn accept_report(
        &self,
        caller: Principal,
        changes: Vec<RoleChange>,
        deployed: impl FnOnce(&Principal) -> bool,
        mut apply: impl FnMut(&RoleChange, Principal) -> bool,
    ) -> Result<(), ReportRefusal> {
        require_deployed(caller, deployed).map_err(|_| ReportRefusal::NotDeployed)?;
        if changes.len() > BATCH {
            return Err(ReportRefusal::TooManyChanges { max: BATCH });
        }
        let changed: Vec<RelationshipChange> = changes
            .into_iter()
            .filter(|c| apply(c, caller))
            .map(|c| RelationshipChange { user: c.user, role: c.role, contract: caller, action: c.action })
            .collect();
        self.forward(changed);
        Ok(())
    }

    /// Arms a delivery of what is queued (after an upgrade, or once the backend is set).
    pub fn resume(&self) {
        outbox::schedule(self.installed(), 0);
    }

    /// Changes not yet acknowledged by the backend.
    pub fn pending(&self) -> u64 {
        outbox::pending(self.installed())
    }

    /// Whether a delivery is armed or in flight.
    pub fn is_busy(&self) -> bool {
        outbox::is_busy(self.installed())
    }

    /// Failed deliveries in a row (0 after a success).
    pub fn failures(&self) -> u32 {
        outbox::failures(self.installed())
    }
}

/// Sends the oldest batch with `send` (`send` in canister code) and applies the outcome; run by the timer
/// the factory's `arm` sets.
pub async fn deliver<F, Fut>(send: F)
where
    F: FnOnce(Principal, Vec<RelationshipChange>) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    outbox::deliver(&FORWARDER, send).await
}

/// Sends a batch to the backend's `report_relationships` (canister code only).
pub async fn send(backend: Principal, changes: Vec<RelationshipChange>) -> Result<(), String> {
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
    use crate::memory::Id;
    use icto_shared::backend::RelationshipAction;
    use icto_shared::role::Role;
    use std::cell::Cell;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    fn change(n: u8) -> RelationshipChange {
        RelationshipChange {
            user: Principal::from_slice(&[n]),
            role: Role::Owner,
            contract: Principal::from_slice(&[n, 1]),
            action: RelationshipAction::Add,
        }
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("the future waited"),
        }
    }

    thread_local! {
        static BACKEND: Cell<Option<Principal>> = const { Cell::new(None) };
        static ARMED: Cell<u32> = const { Cell::new(0) };
    }

    const TEST_FORWARDER: Forwarder = Forwarder {
        outbox: Id::new(231),
        backend: || BACKEND.with(|b| b.get()),
        arm: |_| ARMED.with(|a| a.set(a.get() + 1)),
    };

    #[test]
    fn changes_wait_for_a_backend_then_leave_in_order_when_acknowledged() {
        TEST_FORWARDER.forward((0..150).map(change));
        assert_eq!((TEST_FORWARDER.pending(), TEST_FORWARDER.is_busy(), ARMED.with(|a| a.get())), (150, true, 1));
        TEST_FORWARDER.forward([change(200)]);
        assert_eq!(ARMED.with(|a| a.get()), 1, "one delivery armed at a time");

        // No backend yet: nothing is sent, nothing re-armed until `resume`.
        run(deliver(|_, _| async { panic!("sent without a backend") }));
        assert_eq!((TEST_FORWARDER.pending(), TEST_FORWARDER.is_busy()), (151, false));
        BACKEND.with(|b| b.set(Some(Principal::from_slice(&[0xBE]))));
        TEST_FORWARDER.resume();
        assert!(TEST_FORWARDER.is_busy());

        let mut sent = vec![];
        run(deliver(|to, batch| {
            sent.push((to, batch));
            async { Err("stopped".to_string()) }
        }));
        assert_eq!((TEST_FORWARDER.pending(), TEST_FORWARDER.failures()), (151, 1));
        run(deliver(|to, batch| {
            sent.push((to, batch));
            async { Ok(()) }
        }));
        assert_eq!(sent[0], sent[1], "a refused batch is resent as it was");
        assert_eq!((sent[0].0, sent[0].1.len(), sent[0].1[0].clone()), (Principal::from_slice(&[0xBE]), BATCH, change(0)));
        assert_eq!((TEST_FORWARDER.pending(), TEST_FORWARDER.failures()), (51, 0));
    }

    #[test]
    fn only_deployed_contracts_may_call_back() {
        let mine = Principal::from_slice(&[7]);
        assert!(require_deployed(mine, |c| *c == mine).is_ok());
        assert!(require_deployed(Principal::from_slice(&[8]), |c| *c == mine).is_err());
    }
}
