use crate::hashing::hash_tree::tip_root_hash;
use crate::hashing::value_hash::hash_value;
use crate::models::block::Block;
use crate::repositories::{blocks, dedup};
use crate::runtime;
use crate::services::context::CallContext;
use crate::services::errors::{codes, TxError};
use crate::services::validation::{PERMITTED_DRIFT_NANOS, TX_WINDOW_NANOS};
use crate::services::{approve, icrc3, lifecycle, queries, transfer, transfer_from};
use candid::{Nat, Principal};
use icto_shared::token::*;
use serde_bytes::ByteBuf;

const FEE: u128 = 10;
const NOW: u64 = 1_700_000_000_000_000_000;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}
fn acc(n: u8) -> Account {
    Account::of(p(n))
}
fn minter() -> Account {
    acc(99)
}
fn ctx(n: u8) -> CallContext {
    CallContext { caller: p(n), now: NOW }
}

fn init_args() -> InitArgs {
    InitArgs {
        minting_account: minter(),
        fee_collector_account: None,
        transfer_fee: Nat::from(FEE),
        decimals: Some(8),
        max_memo_length: Some(32),
        token_symbol: "TST".into(),
        token_name: "Test token".into(),
        metadata: vec![("icrc1:logo".into(), MetadataValue::Text("data:image/png;base64,AA==".into()))],
        initial_balances: vec![(acc(1), Nat::from(1_000u32)), (acc(2), Nat::from(500u32))],
        feature_flags: Some(FeatureFlags { icrc2: true }),
        max_transactions_in_window: Some(5),
    }
}

fn setup() {
    lifecycle::init(NOW - 1, init_args()).unwrap();
}

fn send(to: Account, amount: u128) -> TransferArg {
    TransferArg { from_subaccount: None, to, amount: Nat::from(amount), fee: None, memo: None, created_at_time: None }
}

fn balance(n: u8) -> u128 {
    queries::balance_of(&acc(n))
}

#[test]
fn init_mints_initial_balances_as_blocks() {
    setup();
    assert_eq!(balance(1), 1_000);
    assert_eq!(balance(2), 500);
    assert_eq!(queries::total_supply(), 1_500);
    assert_eq!(blocks::len(), 2);
    let b = Block::decode(&blocks::get(0).unwrap());
    assert_eq!(b.tx.op.op_name(), "mint");
    assert!(b.parent_hash.is_none());
}

#[test]
fn transfer_moves_amount_and_burns_fee() {
    setup();
    let index = transfer::transfer(&ctx(1), send(acc(3), 100)).unwrap();
    assert_eq!(index, 2);
    assert_eq!(balance(1), 1_000 - 100 - FEE);
    assert_eq!(balance(3), 100);
    assert_eq!(queries::total_supply(), 1_500 - FEE);
}

#[test]
fn self_transfer_only_costs_the_fee() {
    setup();
    transfer::transfer(&ctx(1), send(acc(1), 100)).unwrap();
    assert_eq!(balance(1), 1_000 - FEE);
}

#[test]
fn fee_goes_to_collector_named_once_then_referenced() {
    let mut args = init_args();
    args.fee_collector_account = Some(acc(7));
    lifecycle::init(NOW, args).unwrap();
    let first = transfer::transfer(&ctx(1), send(acc(3), 100)).unwrap();
    let second = transfer::transfer(&ctx(1), send(acc(3), 100)).unwrap();
    assert_eq!(balance(7), 2 * FEE);
    assert_eq!(queries::total_supply(), 1_500);
    let value = |i| icrc3::get_blocks(vec![GetBlocksArgs { start: Nat::from(i), length: Nat::from(1u8) }]).blocks[0].block.clone();
    let ICRC3Value::Map(f1) = value(first) else { panic!() };
    assert!(f1.iter().any(|(k, _)| k == "fee_col"));
    let ICRC3Value::Map(f2) = value(second) else { panic!() };
    assert!(f2.iter().any(|(k, v)| k == "fee_col_block" && *v == ICRC3Value::Nat(Nat::from(first))));
}

#[test]
fn bad_fee() {
    setup();
    let mut arg = send(acc(3), 100);
    arg.fee = Some(Nat::from(FEE + 1));
    assert_eq!(transfer::transfer(&ctx(1), arg), Err(TxError::BadFee { expected_fee: FEE }));
    let mut arg = send(acc(3), 100);
    arg.fee = Some(Nat::from(FEE));
    assert!(transfer::transfer(&ctx(1), arg).is_ok());
}

#[test]
fn mint_and_burn_through_the_minting_account() {
    setup();
    transfer::transfer(&ctx(99), send(acc(4), 300)).unwrap();
    assert_eq!(balance(4), 300);
    assert_eq!(queries::total_supply(), 1_800);
    let mut with_fee = send(acc(4), 1);
    with_fee.fee = Some(Nat::from(FEE));
    assert_eq!(transfer::transfer(&ctx(99), with_fee), Err(TxError::BadFee { expected_fee: 0 }));
    assert_eq!(
        transfer::transfer(&ctx(4), send(minter(), FEE - 1)),
        Err(TxError::BadBurn { min_burn_amount: FEE })
    );
    transfer::transfer(&ctx(4), send(minter(), 100)).unwrap();
    assert_eq!(balance(4), 200);
    assert_eq!(queries::total_supply(), 1_700);
    assert!(matches!(
        transfer::transfer(&ctx(99), send(minter(), 100)),
        Err(TxError::Generic { code: codes::MINTER_NOT_ALLOWED, .. })
    ));
}

#[test]
fn insufficient_funds_changes_nothing() {
    setup();
    let before = blocks::len();
    assert_eq!(
        transfer::transfer(&ctx(2), send(acc(3), 500)),
        Err(TxError::InsufficientFunds { balance: 500 })
    );
    assert_eq!(blocks::len(), before);
    assert_eq!(balance(2), 500);
    assert_eq!(balance(3), 0);
}

#[test]
fn time_window_errors() {
    setup();
    let mut arg = send(acc(3), 1);
    arg.created_at_time = Some(NOW - TX_WINDOW_NANOS - PERMITTED_DRIFT_NANOS - 1);
    assert_eq!(transfer::transfer(&ctx(1), arg.clone()), Err(TxError::TooOld));
    arg.created_at_time = Some(NOW + PERMITTED_DRIFT_NANOS + 1);
    assert_eq!(transfer::transfer(&ctx(1), arg.clone()), Err(TxError::CreatedInFuture { ledger_time: NOW }));
    arg.created_at_time = Some(NOW + PERMITTED_DRIFT_NANOS);
    assert!(transfer::transfer(&ctx(1), arg).is_ok());
}

#[test]
fn duplicates_only_with_created_at_time() {
    setup();
    let arg = send(acc(3), 1);
    transfer::transfer(&ctx(1), arg.clone()).unwrap();
    transfer::transfer(&ctx(1), arg.clone()).unwrap();
    let mut timed = arg.clone();
    timed.created_at_time = Some(NOW);
    let first = transfer::transfer(&ctx(1), timed.clone()).unwrap();
    assert_eq!(transfer::transfer(&ctx(1), timed.clone()), Err(TxError::Duplicate { duplicate_of: first }));
    // Another caller sending the same arguments is a different transaction.
    assert!(transfer::transfer(&ctx(2), timed.clone()).is_ok());
    // A memo changes the identity.
    timed.memo = Some(ByteBuf::from(vec![1]));
    assert!(transfer::transfer(&ctx(1), timed).is_ok());
}

#[test]
fn failed_deduplicated_transactions_leave_no_entry_and_can_be_retried() {
    setup();
    let mut too_much = send(acc(3), 5_000);
    too_much.created_at_time = Some(NOW);
    assert_eq!(transfer::transfer(&ctx(1), too_much.clone()), Err(TxError::InsufficientFunds { balance: 1_000 }));
    let mut approve = approve_args(acc(4), 100);
    approve.created_at_time = Some(NOW);
    approve.expected_allowance = Some(Nat::from(7u8));
    assert_eq!(approve::approve(&ctx(1), approve.clone()), Err(TxError::AllowanceChanged { current_allowance: 0 }));
    let mut draw = transfer_from_args(acc(1), acc(3), 1);
    draw.created_at_time = Some(NOW);
    assert_eq!(transfer_from::transfer_from(&ctx(4), draw.clone()), Err(TxError::InsufficientAllowance { allowance: 0 }));
    assert_eq!(dedup::len(), 0);
    // The same transactions succeed once they can, and only then count as duplicates.
    let mint = TransferArg { amount: Nat::from(10_000u32), ..send(acc(1), 0) };
    transfer::transfer(&CallContext { caller: minter().owner, now: NOW }, mint).unwrap();
    let index = transfer::transfer(&ctx(1), too_much.clone()).unwrap();
    assert_eq!(transfer::transfer(&ctx(1), too_much), Err(TxError::Duplicate { duplicate_of: index }));
    approve.expected_allowance = None;
    let index = approve::approve(&ctx(1), approve.clone()).unwrap();
    assert_eq!(approve::approve(&ctx(1), approve), Err(TxError::Duplicate { duplicate_of: index }));
    let index = transfer_from::transfer_from(&ctx(4), draw.clone()).unwrap();
    assert_eq!(transfer_from::transfer_from(&ctx(4), draw), Err(TxError::Duplicate { duplicate_of: index }));
    assert_eq!(dedup::len(), 3);
}

#[test]
fn dedup_entries_leave_with_the_window() {
    setup();
    let mut arg = send(acc(3), 1);
    arg.created_at_time = Some(NOW);
    transfer::transfer(&ctx(1), arg.clone()).unwrap();
    assert_eq!(dedup::len(), 1);
    let later = CallContext { caller: p(1), now: NOW + TX_WINDOW_NANOS + PERMITTED_DRIFT_NANOS + 1 };
    assert_eq!(transfer::transfer(&later, arg.clone()), Err(TxError::TooOld));
    let mut fresh = arg;
    fresh.created_at_time = Some(later.now);
    transfer::transfer(&later, fresh).unwrap();
    assert_eq!(dedup::len(), 1, "the old entry was pruned, the new one added");
}

#[test]
fn full_dedup_window_is_temporarily_unavailable() {
    setup();
    for i in 0..5u64 {
        let mut arg = send(acc(3), 1);
        arg.created_at_time = Some(NOW - i);
        transfer::transfer(&ctx(1), arg).unwrap();
    }
    let mut arg = send(acc(3), 1);
    arg.created_at_time = Some(NOW - 10);
    assert_eq!(transfer::transfer(&ctx(1), arg), Err(TxError::TemporarilyUnavailable));
    assert_eq!(dedup::len(), 5, "the refused transaction left no entry");
    // Transactions without created_at_time are not throttled.
    assert!(transfer::transfer(&ctx(1), send(acc(3), 1)).is_ok());
}

#[test]
fn generic_errors_for_bad_input() {
    setup();
    let mut arg = send(acc(3), 1);
    arg.memo = Some(ByteBuf::from(vec![0; 33]));
    assert!(matches!(transfer::transfer(&ctx(1), arg), Err(TxError::Generic { code: codes::MEMO_TOO_LONG, .. })));
    let mut arg = send(acc(3), 1);
    arg.amount = Nat::from(u128::MAX) + Nat::from(1u8);
    assert!(matches!(transfer::transfer(&ctx(1), arg), Err(TxError::Generic { code: codes::AMOUNT_TOO_LARGE, .. })));
    let mut arg = send(acc(3), 1);
    arg.memo = Some(ByteBuf::from(vec![0; 32]));
    assert!(transfer::transfer(&ctx(1), arg).is_ok());
}

fn approve_args(spender: Account, amount: u128) -> ApproveArgs {
    ApproveArgs {
        from_subaccount: None,
        spender,
        amount: Nat::from(amount),
        expected_allowance: None,
        expires_at: None,
        fee: None,
        memo: None,
        created_at_time: None,
    }
}

fn transfer_from_args(from: Account, to: Account, amount: u128) -> TransferFromArgs {
    TransferFromArgs {
        spender_subaccount: None,
        from,
        to,
        amount: Nat::from(amount),
        fee: None,
        memo: None,
        created_at_time: None,
    }
}

#[test]
fn approve_then_transfer_from_uses_allowance() {
    setup();
    approve::approve(&ctx(1), approve_args(acc(5), 200)).unwrap();
    assert_eq!(balance(1), 1_000 - FEE);
    assert_eq!(approve::allowance(&acc(1), &acc(5), NOW), (200, None));
    transfer_from::transfer_from(&ctx(5), transfer_from_args(acc(1), acc(6), 150)).unwrap();
    assert_eq!(balance(6), 150);
    assert_eq!(balance(1), 1_000 - FEE - 150 - FEE);
    assert_eq!(approve::allowance(&acc(1), &acc(5), NOW).0, 200 - 150 - FEE);
    assert_eq!(
        transfer_from::transfer_from(&ctx(5), transfer_from_args(acc(1), acc(6), 100)),
        Err(TxError::InsufficientAllowance { allowance: 200 - 150 - FEE })
    );
}

#[test]
fn approve_errors() {
    setup();
    let mut a = approve_args(acc(5), 100);
    a.expires_at = Some(NOW);
    assert_eq!(approve::approve(&ctx(1), a), Err(TxError::Expired { ledger_time: NOW }));
    approve::approve(&ctx(1), approve_args(acc(5), 100)).unwrap();
    let mut a = approve_args(acc(5), 300);
    a.expected_allowance = Some(Nat::from(99u8));
    assert_eq!(approve::approve(&ctx(1), a), Err(TxError::AllowanceChanged { current_allowance: 100 }));
    let mut a = approve_args(acc(5), 300);
    a.expected_allowance = Some(Nat::from(100u8));
    approve::approve(&ctx(1), a).unwrap();
    assert_eq!(approve::allowance(&acc(1), &acc(5), NOW).0, 300);
    let mut a = approve_args(acc(5), 1);
    a.fee = Some(Nat::from(1u8));
    assert_eq!(approve::approve(&ctx(1), a), Err(TxError::BadFee { expected_fee: FEE }));
    assert!(matches!(
        approve::approve(&ctx(1), approve_args(acc(1), 1)),
        Err(TxError::Generic { code: codes::SELF_APPROVAL, .. })
    ));
    assert_eq!(
        approve::approve(&ctx(8), approve_args(acc(5), 1)),
        Err(TxError::InsufficientFunds { balance: 0 })
    );
}

#[test]
fn expired_allowance_counts_as_zero_and_is_pruned() {
    setup();
    let mut a = approve_args(acc(5), 100);
    a.expires_at = Some(NOW + 10);
    approve::approve(&ctx(1), a).unwrap();
    assert_eq!(approve::allowance(&acc(1), &acc(5), NOW), (100, Some(NOW + 10)));
    let later = CallContext { caller: p(5), now: NOW + 10 };
    assert_eq!(approve::allowance(&acc(1), &acc(5), later.now), (0, None));
    assert_eq!(
        transfer_from::transfer_from(&later, transfer_from_args(acc(1), acc(6), 1)),
        Err(TxError::InsufficientAllowance { allowance: 0 })
    );
    assert_eq!(crate::repositories::allowances::len(), 1);
    let later_owner = CallContext { caller: p(2), now: NOW + 10 };
    approve::approve(&later_owner, approve_args(acc(5), 1)).unwrap();
    assert_eq!(crate::repositories::allowances::len(), 1, "the expired allowance was pruned");
}

#[test]
fn transfer_from_self_needs_no_allowance_and_burns_via_spender() {
    setup();
    transfer_from::transfer_from(&ctx(1), transfer_from_args(acc(1), acc(3), 100)).unwrap();
    assert_eq!(balance(3), 100);
    approve::approve(&ctx(2), approve_args(acc(5), 200)).unwrap();
    transfer_from::transfer_from(&ctx(5), transfer_from_args(acc(2), minter(), 50)).unwrap();
    assert_eq!(balance(2), 500 - FEE - 50);
    assert_eq!(approve::allowance(&acc(2), &acc(5), NOW).0, 150);
    assert!(matches!(
        transfer_from::transfer_from(&ctx(5), transfer_from_args(minter(), acc(5), 1)),
        Err(TxError::Generic { code: codes::MINTER_NOT_ALLOWED, .. })
    ));
}

#[test]
fn blocks_chain_by_parent_hash_and_tip_is_certified() {
    setup();
    transfer::transfer(&ctx(1), send(acc(3), 5)).unwrap();
    approve::approve(&ctx(1), approve_args(acc(5), 50)).unwrap();
    transfer_from::transfer_from(&ctx(5), transfer_from_args(acc(1), acc(6), 5)).unwrap();
    let all = icrc3::get_blocks(vec![GetBlocksArgs { start: Nat::from(0u8), length: Nat::from(100u8) }]);
    assert_eq!(all.log_length, Nat::from(5u8));
    let mut previous: Option<[u8; 32]> = None;
    for b in &all.blocks {
        let ICRC3Value::Map(fields) = &b.block else { panic!("block is not a map") };
        let phash = fields.iter().find(|(k, _)| k == "phash").map(|(_, v)| v.clone());
        assert_eq!(phash, previous.map(|h| ICRC3Value::Blob(h.to_vec())));
        previous = Some(hash_value(&b.block));
    }
    assert_eq!(runtime::certified_data(), Some(tip_root_hash(4, &previous.unwrap())));
}

#[test]
fn upgrade_args_change_fee_collector_and_metadata() {
    setup();
    lifecycle::upgrade(UpgradeArgs {
        metadata: Some(vec![("icrc1:logo".into(), MetadataValue::Text("new".into()))]),
        token_symbol: Some("NEW".into()),
        change_fee_collector: Some(ChangeFeeCollector::SetTo(acc(7))),
        ..Default::default()
    })
    .unwrap();
    let m = queries::metadata();
    assert!(m.contains(&("icrc1:symbol".into(), MetadataValue::Text("NEW".into()))));
    assert!(m.contains(&("icrc1:logo".into(), MetadataValue::Text("new".into()))));
    transfer::transfer(&ctx(1), send(acc(3), 5)).unwrap();
    assert_eq!(balance(7), FEE);
}
