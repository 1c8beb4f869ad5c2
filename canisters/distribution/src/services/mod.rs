//! The contract's logic, one module per domain, on a `CallContext`; access checks come first (`access`).
//! A service that awaits the ledger is split in a synchronous `begin_*` (checks, lock, writes before the
//! await) and `finish_*` (applies the ledger's answer), which host tests drive with any answer.

pub mod access;
pub mod campaign;
pub mod claims;
pub mod recipients;
pub mod registration;

use candid::Nat;

/// The lock held by activation and cancel while they await the ledger (adding recipients waits for it).
pub const LIFECYCLE: &str = "lifecycle";

pub fn to_u128(n: &Nat) -> Option<u128> {
    u128::try_from(&n.0).ok()
}
