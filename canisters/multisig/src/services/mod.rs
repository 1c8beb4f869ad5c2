//! The wallet's logic, one module per domain, on a `CallContext`; access checks come first (`access`).
//! Execution that awaits a ledger or another canister is split in a synchronous `begin` (checks, the
//! spending count and the `Executing` status written before the await) and `finish` (applies the answer),
//! which host tests drive with any answer.

pub mod access;
pub mod address_book;
pub mod execution;
pub mod history;
pub mod members;
pub mod proposals;
pub mod spending;
pub mod tokens;
pub mod votes;
pub mod wallet;

use candid::Nat;

pub fn to_u128(n: &Nat) -> Option<u128> {
    u128::try_from(&n.0).ok()
}
