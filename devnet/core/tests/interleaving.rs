//! Spec test: messages of different calls interleave between awaits (interface spec, "Message
//! execution": each message executes atomically, a call's execution is split at every await).
//! Two callers on two threads each check a balance, await, then debit: both pass the check, the
//! reentrancy bug the IC lets through. If the devnet ran each call tree to completion the first
//! call would wait at the barrier forever and the test would fail.
mod common;

use common::{install_probe, user};
use devnet::Devnet;

#[test]
fn calls_from_two_threads_interleave_at_awaits() {
    let devnet = Devnet::new();
    let (bank, barrier) = (install_probe(&devnet), install_probe(&devnet));
    let withdraw = || -> Result<i64, String> {
        devnet.update_candid(bank, user(2), "withdraw_after_await", (barrier, 2u64, 100i64)).expect("withdraw replies")
    };
    let (first, second) = std::thread::scope(|s| {
        let a = s.spawn(withdraw);
        let b = s.spawn(withdraw);
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(first, Ok(100), "both checks saw the full balance");
    assert_eq!(second, Ok(100));
    let left: i64 = devnet.query_candid(bank, user(2), "balance_left", ()).unwrap();
    assert_eq!(left, -100, "both debits happened: interleaved at the await");
}
