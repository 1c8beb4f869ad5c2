//! Shared setup for the ledger's devnet tests, on the test kit: the ledger wasm, principals, a deployed
//! ledger with typed calls, and this suite's init arguments.
#![allow(dead_code, unused_imports)]

use candid::Nat;
use icto_shared::token::*;
pub use test_kit::ledger::{approve_arg, controller, transfer_arg, transfer_from_arg, Ledger};
pub use test_kit::users::principal;

pub const FEE: u64 = 10_000;

/// The optimised ledger wasm from `$ICTO_WASM_DIR` or `<workspace>/target/canisters/`.
pub fn ledger_wasm() -> Vec<u8> {
    test_kit::wasm::built("token")
}

pub fn account(n: u64) -> Account {
    Account::of(principal(n))
}

pub fn minter() -> Account {
    account(999_999)
}

pub fn init_args(initial_balances: Vec<(Account, Nat)>) -> InitArgs {
    InitArgs {
        minting_account: minter(),
        fee_collector_account: None,
        transfer_fee: Nat::from(FEE),
        decimals: Some(8),
        max_memo_length: Some(32),
        token_symbol: "ICTO".into(),
        token_name: "ICTO test token".into(),
        metadata: vec![],
        initial_balances,
        feature_flags: Some(FeatureFlags { icrc2: true }),
        max_transactions_in_window: None,
    }
}
