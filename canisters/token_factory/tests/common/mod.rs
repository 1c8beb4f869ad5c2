//! The people of the token factory's devnet tests (each test file runs its own devnet).
#![allow(dead_code)]

use candid::Principal;
use test_kit::users::principal;

pub fn p(n: u8) -> Principal {
    principal(7_700 + n as u64)
}
pub fn admin() -> Principal {
    p(1)
}
pub fn backend() -> Principal {
    p(2)
}
pub fn owner() -> Principal {
    p(3)
}
