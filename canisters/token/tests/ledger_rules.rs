//! Rules at the edges of the ledger's arithmetic and of ICRC-2: initial balances whose sum overflows,
//! a fee collector that is the minting account, approvals between one owner's subaccounts, and
//! allowances above the largest amount.

mod common;

use candid::Nat;
use common::*;
use devnet::Devnet;
use icto_shared::token::*;

fn install(init: InitArgs) -> Result<(), String> {
    let devnet = Devnet::new();
    let id = devnet.create_canister(controller());
    let arg = candid::encode_one(LedgerArg::Init(init)).unwrap();
    devnet.install_code(id, ledger_wasm(), arg, controller()).map_err(|e| e.message)
}

#[test]
fn initial_balances_whose_sum_overflows_are_refused() {
    let half = Nat::from(u128::MAX / 2 + 1);
    let e = install(init_args(vec![(account(1), half.clone()), (account(2), half)])).unwrap_err();
    assert!(e.contains("the initial balances sum to more than 2^128 - 1"), "{e}");
    // Up to the limit is fine.
    install(init_args(vec![(account(1), Nat::from(u128::MAX / 2)), (account(2), Nat::from(u128::MAX / 2 + 1))])).unwrap();
}

#[test]
fn the_fee_collector_cannot_be_the_minting_account() {
    let mut init = init_args(vec![]);
    init.fee_collector_account = Some(Account { owner: minter().owner, subaccount: Some([0; 32]) });
    let e = install(init).unwrap_err();
    assert!(e.contains("the fee collector cannot be the minting account"), "{e}");

    let ledger = Ledger::deploy(init_args(vec![(account(1), Nat::from(1_000_000u64))]));
    let up = UpgradeArgs { change_fee_collector: Some(ChangeFeeCollector::SetTo(minter())), ..Default::default() };
    let arg = candid::encode_one(LedgerArg::Upgrade(Some(up))).unwrap();
    let e = ledger.devnet.upgrade_canister(ledger.id, ledger_wasm(), arg, controller()).unwrap_err();
    assert!(e.message.contains("the fee collector cannot be the minting account"), "{e:?}");
    // The refused upgrade changed nothing: fees are still burned.
    let supply: Nat = ledger.query("icrc1_total_supply", ());
    ledger.transfer(principal(1), transfer_arg(account(2), 1)).unwrap();
    let after: Nat = ledger.query("icrc1_total_supply", ());
    assert_eq!(supply - after, Nat::from(FEE));
}

/// ICRC-2: "The ledger SHOULD reject the call if the spender account owner is equal to the source
/// account owner" — so also between two subaccounts of one principal.
#[test]
fn an_owner_cannot_approve_its_own_subaccounts() {
    let ledger = Ledger::deploy(init_args(vec![(account(1), Nat::from(1_000_000u64))]));
    let own_sub = Account { owner: principal(1), subaccount: Some([7; 32]) };
    let r = ledger.approve(principal(1), approve_arg(own_sub.clone(), 100));
    let Err(ApproveError::GenericError { error_code, message }) = r else { panic!("{r:?}") };
    assert_eq!(error_code, Nat::from(3u8), "{message}");
    let mut from_sub = approve_arg(account(1), 100);
    from_sub.from_subaccount = Some([7; 32]);
    assert!(matches!(ledger.approve(principal(1), from_sub), Err(ApproveError::GenericError { .. })));
    assert_eq!(ledger.allowance(&account(1), &own_sub).allowance, Nat::from(0u8));
}

#[test]
fn allowances_above_the_largest_amount_are_refused() {
    let ledger = Ledger::deploy(init_args(vec![(account(1), Nat::from(1_000_000u64))]));
    let too_big = Nat::from(u128::MAX) + Nat::from(1u8);
    let mut a = approve_arg(account(5), 0);
    a.amount = too_big.clone();
    let r = ledger.approve(principal(1), a);
    let Err(ApproveError::GenericError { error_code, .. }) = r else { panic!("{r:?}") };
    assert_eq!(error_code, Nat::from(2u8), "amount too large");
    assert_eq!(ledger.all_blocks().len(), 1, "no approve block");

    // u128::MAX itself is an allowance; an expectation above it never matches.
    let mut a = approve_arg(account(5), 0);
    a.amount = Nat::from(u128::MAX);
    ledger.approve(principal(1), a).unwrap();
    let mut a = approve_arg(account(5), 1);
    a.expected_allowance = Some(too_big);
    assert_eq!(ledger.approve(principal(1), a), Err(ApproveError::AllowanceChanged { current_allowance: Nat::from(u128::MAX) }));
}
