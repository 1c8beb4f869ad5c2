//! Every ICRC-1/ICRC-2 error variant, produced through the canister interface on devnet, and the
//! deduplication and allowance-expiry behaviour seen from outside.

mod common;

use candid::Nat;
use common::*;
use icto_shared::token::*;
use serde_bytes::ByteBuf;
use std::time::Duration;

const WINDOW: u64 = 24 * 3_600 * 1_000_000_000;
const DRIFT: u64 = 120 * 1_000_000_000;

fn ledger() -> Ledger {
    let mut init = init_args(vec![(account(1), Nat::from(1_000_000u64)), (account(2), Nat::from(FEE))]);
    init.max_transactions_in_window = Some(3);
    Ledger::deploy(init)
}

fn generic_code<T>(r: Result<T, TransferError>) -> Nat {
    match r {
        Err(TransferError::GenericError { error_code, .. }) => error_code,
        Err(e) => panic!("expected GenericError, got {e:?}"),
        Ok(_) => panic!("expected GenericError, got Ok"),
    }
}

#[test]
fn transfer_errors() {
    let l = ledger();
    let user = principal(1);
    let now = l.devnet.time_nanos();

    let mut a = transfer_arg(account(3), 100);
    a.fee = Some(Nat::from(FEE - 1));
    assert_eq!(l.transfer(user, a), Err(TransferError::BadFee { expected_fee: Nat::from(FEE) }));

    assert_eq!(l.transfer(user, transfer_arg(minter(), FEE - 1)), Err(TransferError::BadBurn { min_burn_amount: Nat::from(FEE) }));

    assert_eq!(l.transfer(principal(2), transfer_arg(account(3), 1)), Err(TransferError::InsufficientFunds { balance: Nat::from(FEE) }));

    let mut a = transfer_arg(account(3), 1);
    a.created_at_time = Some(now - WINDOW - DRIFT - 1);
    assert_eq!(l.transfer(user, a), Err(TransferError::TooOld));

    let mut a = transfer_arg(account(3), 1);
    a.created_at_time = Some(now + DRIFT + 1);
    assert_eq!(l.transfer(user, a), Err(TransferError::CreatedInFuture { ledger_time: now }));

    let mut a = transfer_arg(account(3), 1);
    a.created_at_time = Some(now);
    let first = l.transfer(user, a.clone()).unwrap();
    assert_eq!(l.transfer(user, a), Err(TransferError::Duplicate { duplicate_of: first }));

    let mut a = transfer_arg(account(3), 1);
    a.memo = Some(ByteBuf::from(vec![7; 33]));
    assert_eq!(generic_code(l.transfer(user, a)), Nat::from(1u8), "memo too long");

    // The dedup window holds at most 3 transactions (init arg): the 4th is throttled.
    for i in 1..=2u64 {
        let mut a = transfer_arg(account(3), 1);
        a.created_at_time = Some(now - i);
        l.transfer(user, a).unwrap();
    }
    let mut a = transfer_arg(account(3), 1);
    a.created_at_time = Some(now - 10);
    assert_eq!(l.transfer(user, a), Err(TransferError::TemporarilyUnavailable));
}

#[test]
fn dedup_window_expires() {
    let l = ledger();
    let user = principal(1);
    let mut a = transfer_arg(account(3), 1);
    a.created_at_time = Some(l.devnet.time_nanos());
    l.transfer(user, a.clone()).unwrap();
    assert!(matches!(l.transfer(user, a.clone()), Err(TransferError::Duplicate { .. })));
    l.devnet.advance_time(Duration::from_nanos(WINDOW + DRIFT + 1));
    assert_eq!(l.transfer(user, a.clone()), Err(TransferError::TooOld), "past the window it is too old, not a duplicate");
    a.created_at_time = Some(l.devnet.time_nanos());
    assert!(l.transfer(user, a).is_ok());
}

#[test]
fn approve_errors() {
    let l = ledger();
    let user = principal(1);
    let now = l.devnet.time_nanos();

    let mut a = approve_arg(account(5), 100);
    a.fee = Some(Nat::from(1u8));
    assert_eq!(l.approve(user, a), Err(ApproveError::BadFee { expected_fee: Nat::from(FEE) }));

    assert_eq!(l.approve(principal(9), approve_arg(account(5), 100)), Err(ApproveError::InsufficientFunds { balance: Nat::from(0u8) }));

    let mut a = approve_arg(account(5), 100);
    a.expires_at = Some(now - 1);
    assert_eq!(l.approve(user, a), Err(ApproveError::Expired { ledger_time: now }));

    l.approve(user, approve_arg(account(5), 100)).unwrap();
    let mut a = approve_arg(account(5), 200);
    a.expected_allowance = Some(Nat::from(50u8));
    assert_eq!(l.approve(user, a), Err(ApproveError::AllowanceChanged { current_allowance: Nat::from(100u8) }));

    let mut a = approve_arg(account(5), 1);
    a.created_at_time = Some(now - WINDOW - DRIFT - 1);
    assert_eq!(l.approve(user, a), Err(ApproveError::TooOld));
    let mut a = approve_arg(account(5), 1);
    a.created_at_time = Some(now + DRIFT + 1);
    assert_eq!(l.approve(user, a), Err(ApproveError::CreatedInFuture { ledger_time: now }));
    let mut a = approve_arg(account(5), 1);
    a.created_at_time = Some(now);
    let first = l.approve(user, a.clone()).unwrap();
    assert_eq!(l.approve(user, a), Err(ApproveError::Duplicate { duplicate_of: first }));

    assert!(matches!(l.approve(user, approve_arg(account(1), 1)), Err(ApproveError::GenericError { .. })), "self approval");
}

#[test]
fn transfer_from_errors() {
    let l = ledger();
    let owner = principal(1);
    let spender = principal(5);
    let now = l.devnet.time_nanos();

    assert_eq!(
        l.transfer_from(spender, transfer_from_arg(account(1), account(6), 100)),
        Err(TransferFromError::InsufficientAllowance { allowance: Nat::from(0u8) })
    );
    l.approve(owner, approve_arg(account(5), 500_000)).unwrap();
    let mut a = transfer_from_arg(account(1), account(6), 100);
    a.fee = Some(Nat::from(0u8));
    assert_eq!(l.transfer_from(spender, a), Err(TransferFromError::BadFee { expected_fee: Nat::from(FEE) }));
    assert_eq!(
        l.transfer_from(spender, transfer_from_arg(account(1), minter(), 1)),
        Err(TransferFromError::BadBurn { min_burn_amount: Nat::from(FEE) })
    );
    assert_eq!(
        l.transfer_from(spender, transfer_from_arg(account(1), account(6), 490_000 - FEE)),
        Ok(Nat::from(3u8))
    );
    let balance = l.balance(&account(1));
    assert_eq!(
        l.transfer_from(spender, transfer_from_arg(account(1), account(6), 5_000)).unwrap_err(),
        TransferFromError::InsufficientAllowance { allowance: Nat::from(500_000 - 490_000u64) }
    );
    l.approve(owner, approve_arg(account(5), 10_000_000)).unwrap();
    let balance = balance - Nat::from(FEE);
    assert_eq!(
        l.transfer_from(spender, transfer_from_arg(account(1), account(6), 5_000_000)),
        Err(TransferFromError::InsufficientFunds { balance })
    );
    let mut a = transfer_from_arg(account(1), account(6), 1);
    a.created_at_time = Some(now - WINDOW - DRIFT - 1);
    assert_eq!(l.transfer_from(spender, a), Err(TransferFromError::TooOld));
    let mut a = transfer_from_arg(account(1), account(6), 1);
    a.created_at_time = Some(now + DRIFT + 1);
    assert_eq!(l.transfer_from(spender, a), Err(TransferFromError::CreatedInFuture { ledger_time: now }));
    let mut a = transfer_from_arg(account(1), account(6), 1);
    a.created_at_time = Some(now);
    let first = l.transfer_from(spender, a.clone()).unwrap();
    assert_eq!(l.transfer_from(spender, a), Err(TransferFromError::Duplicate { duplicate_of: first }));
    assert!(matches!(
        l.transfer_from(spender, transfer_from_arg(minter(), account(6), 1)),
        Err(TransferFromError::GenericError { .. })
    ));
}

#[test]
fn expired_allowance_cannot_be_spent() {
    let l = ledger();
    let now = l.devnet.time_nanos();
    let mut a = approve_arg(account(5), 100_000);
    a.expires_at = Some(now + 60_000_000_000);
    l.approve(principal(1), a).unwrap();
    assert_eq!(l.allowance(&account(1), &account(5)).expires_at, Some(now + 60_000_000_000));
    l.devnet.advance_time(Duration::from_secs(61));
    assert_eq!(l.allowance(&account(1), &account(5)), Allowance { allowance: Nat::from(0u8), expires_at: None });
    assert_eq!(
        l.transfer_from(principal(5), transfer_from_arg(account(1), account(6), 1)),
        Err(TransferFromError::InsufficientAllowance { allowance: Nat::from(0u8) })
    );
}

#[test]
fn icrc2_can_be_disabled_and_reenabled_by_upgrade() {
    let mut init = init_args(vec![(account(1), Nat::from(1_000_000u64))]);
    init.feature_flags = Some(FeatureFlags { icrc2: false });
    let l = Ledger::deploy(init);
    assert!(matches!(l.approve(principal(1), approve_arg(account(5), 1)), Err(ApproveError::GenericError { .. })));
    let standards: Vec<StandardRecord> = l.query("icrc1_supported_standards", ());
    assert!(!standards.iter().any(|s| s.name == "ICRC-2"));
    let up = LedgerArg::Upgrade(Some(UpgradeArgs { feature_flags: Some(FeatureFlags { icrc2: true }), ..Default::default() }));
    l.devnet.upgrade_canister(l.id, ledger_wasm(), candid::encode_one(up).unwrap(), controller()).unwrap();
    assert!(l.approve(principal(1), approve_arg(account(5), 1)).is_ok());
}
