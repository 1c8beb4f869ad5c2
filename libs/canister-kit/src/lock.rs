//! In-flight locks: a call that awaits another canister marks its key (an owner, a contract, ...) as
//! busy, so a second call on the same key cannot interleave with it; the second gets
//! `KitError::OperationInProgress`. Keys are any `Ord` value; use a tuple such as `("create", owner)`
//! to keep kinds of work apart.
//!
//! A lock is released when its guard drops, which covers every path:
//! - the call returns (ok or error): the future completes and its locals drop;
//! - the call traps before its first await: the whole message rolls back, including taking the lock;
//! - a callback traps after an await: the system runs the call's cleanup callback, in which ic-cdk's
//!   executor cancels the method's tasks, dropping the future and so the guard (state changes made in
//!   cleanup are kept even though the callback's own are rolled back).
//!
//! Locks live on the heap: an upgrade (which needs the canister stopped, so no call is awaiting) starts
//! with none.

use icto_shared::kit::KitError;
use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

thread_local! {
    /// One set of held keys per key type.
    static HELD: RefCell<HashMap<TypeId, Box<dyn Any>>> = RefCell::new(HashMap::new());
}

fn with_held<K: Ord + 'static, R>(f: impl FnOnce(&mut BTreeSet<K>) -> R) -> R {
    HELD.with(|held| {
        let mut held = held.borrow_mut();
        let set = held.entry(TypeId::of::<K>()).or_insert_with(|| Box::new(BTreeSet::<K>::new()));
        f(set.downcast_mut::<BTreeSet<K>>().expect("one set type per TypeId"))
    })
}

/// Holds `key` until dropped.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct Lock<K: Ord + Clone + 'static> {
    key: K,
}

impl<K: Ord + Clone + 'static> Lock<K> {
    pub fn acquire(key: K) -> Result<Lock<K>, KitError> {
        if with_held(|held| held.insert(key.clone())) {
            Ok(Lock { key })
        } else {
            Err(KitError::OperationInProgress)
        }
    }

    pub fn is_held(key: &K) -> bool {
        with_held(|held: &mut BTreeSet<K>| held.contains(key))
    }
}

impl<K: Ord + Clone + 'static> Drop for Lock<K> {
    fn drop(&mut self) {
        with_held(|held: &mut BTreeSet<K>| held.remove(&self.key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Principal;

    #[test]
    fn a_key_is_held_until_its_guard_drops() {
        let owner = Principal::from_slice(&[1]);
        let first = Lock::acquire(("create", owner)).unwrap();
        assert_eq!(Lock::acquire(("create", owner)).err(), Some(KitError::OperationInProgress));
        // Other keys and other kinds of work are free.
        let _other = Lock::acquire(("create", Principal::from_slice(&[2]))).unwrap();
        let _upgrade = Lock::acquire(("upgrade", owner)).unwrap();
        let _number = Lock::acquire(7u64).unwrap();
        drop(first);
        assert!(!Lock::is_held(&("create", owner)));
        assert!(Lock::acquire(("create", owner)).is_ok());
    }

    #[test]
    fn a_dropped_future_releases_its_lock() {
        use std::future::Future;
        // What the executor does when a callback traps: the method's future is dropped unfinished.
        let key = 42u32;
        let future = async move {
            let _lock = Lock::acquire(key).unwrap();
            std::future::pending::<()>().await;
        };
        let mut future = Box::pin(future);
        let waker = std::task::Waker::noop();
        assert!(future.as_mut().poll(&mut std::task::Context::from_waker(waker)).is_pending());
        assert!(Lock::is_held(&key));
        drop(future);
        assert!(!Lock::is_held(&key));
    }
}
