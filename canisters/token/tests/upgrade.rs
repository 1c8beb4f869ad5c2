//! Upgrading a ledger that holds 10,000 accounts keeps every balance, allowance and block, the total
//! supply and the certified tip; the next block chains onto the old tip.

mod common;

use candid::Nat;
use common::*;
use icto_shared::token::*;
use test_kit::ledger::{block_field, icrc3_hash};

const ACCOUNTS: u64 = 10_000;

#[test]
fn upgrade_with_10k_accounts_keeps_balances_and_blocks() {
    let initial: Vec<(Account, Nat)> = (0..ACCOUNTS).map(|i| (account(10 + i), Nat::from(1_000_000 + i))).collect();
    let l = Ledger::deploy(init_args(initial));
    // Some activity on top: transfers, an approval, a transfer_from.
    for i in 0..50 {
        l.transfer(principal(10 + i), transfer_arg(account(20_000 + i), 500)).unwrap();
    }
    l.approve(principal(10), approve_arg(account(11), 100_000)).unwrap();
    l.transfer_from(principal(11), transfer_from_arg(account(10), account(12), 1_000)).unwrap();

    let holders: Vec<Account> = (10..10 + ACCOUNTS).chain(20_000..20_050).map(account).collect();
    let balances_before: Vec<Nat> = holders.iter().map(|a| l.balance(a)).collect();
    let blocks_before = l.all_blocks();
    assert_eq!(blocks_before.len() as u64, ACCOUNTS + 52);
    let supply_before: Nat = l.query("icrc1_total_supply", ());
    let tip_before = l.devnet.certified_data(l.id);
    let allowance_before = l.allowance(&account(10), &account(11));

    let upgrade = LedgerArg::Upgrade(Some(UpgradeArgs {
        token_symbol: Some("ICTO2".into()),
        change_fee_collector: Some(ChangeFeeCollector::SetTo(account(7))),
        ..Default::default()
    }));
    l.devnet.upgrade_canister(l.id, ledger_wasm(), candid::encode_one(upgrade).unwrap(), controller()).expect("upgrade");

    let balances_after: Vec<Nat> = holders.iter().map(|a| l.balance(a)).collect();
    assert!(balances_before == balances_after, "every balance survives the upgrade");
    assert_eq!(l.all_blocks(), blocks_before, "every block survives the upgrade");
    assert_eq!(l.query::<_, Nat>("icrc1_total_supply", ()), supply_before);
    assert_eq!(l.devnet.certified_data(l.id), tip_before, "the certified tip is restored");
    assert_eq!(l.allowance(&account(10), &account(11)), allowance_before);
    assert_eq!(l.query::<_, String>("icrc1_symbol", ()), "ICTO2");

    // The ledger keeps working: the next block links to the old tip and pays the new fee collector.
    let index = l.transfer(principal(10), transfer_arg(account(13), 1)).unwrap();
    assert_eq!(index, Nat::from(ACCOUNTS + 52));
    assert_eq!(l.balance(&account(7)), Nat::from(FEE));
    let new_block = l.blocks(ACCOUNTS + 52, 1).blocks.remove(0).block;
    let last_before = &blocks_before.last().expect("blocks before the upgrade").block;
    assert_eq!(
        block_field(&new_block, "phash"),
        Some(&ICRC3Value::Blob(icrc3_hash(last_before).to_vec())),
        "the first block after the upgrade chains onto the hash of the last block before it"
    );
    assert!(block_field(&new_block, "fee_col").is_some());
}
