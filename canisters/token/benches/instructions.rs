//! Prints the instructions the ledger spends per call (devnet's `last_instructions`, which counts the
//! whole message: Candid decoding, logic, stable memory, encoding the reply) and the stable memory it
//! uses per account and per block. Goal: <= 250k instructions per icrc1_transfer.

use candid::{Nat, Principal};
use devnet::Devnet;
use icto_shared::token::*;

const ACCOUNTS: u64 = 10_000;
const SAMPLES: u64 = 200;

fn principal(n: u64) -> Principal {
    let mut b = vec![0x5a];
    b.extend_from_slice(&n.to_be_bytes());
    b.push(1);
    Principal::from_slice(&b)
}

fn account(n: u64) -> Account {
    Account::of(principal(n))
}

struct Stats(Vec<u64>);

impl Stats {
    fn print(mut self, what: &str) {
        self.0.sort_unstable();
        let n = self.0.len();
        let mean = self.0.iter().sum::<u64>() / n as u64;
        println!(
            "{what:<44} median {:>8}  mean {:>8}  min {:>8}  max {:>8}  (n={n})",
            self.0[n / 2], mean, self.0[0], self.0[n - 1]
        );
    }
}

fn main() {
    let devnet = Devnet::new();
    let controller = principal(999_999_999);
    let ledger = devnet.create_canister(controller);
    let init = InitArgs {
        minting_account: account(999_999),
        fee_collector_account: None,
        transfer_fee: Nat::from(10_000u32),
        decimals: Some(8),
        max_memo_length: Some(32),
        token_symbol: "ICTO".into(),
        token_name: "ICTO".into(),
        metadata: vec![],
        initial_balances: (0..ACCOUNTS).map(|i| (account(i), Nat::from(1_000_000_000u64))).collect(),
        feature_flags: Some(FeatureFlags { icrc2: true }),
        max_transactions_in_window: None,
    };
    devnet.install_code(ledger, test_kit::wasm::built("token"), candid::encode_one(LedgerArg::Init(init)).unwrap(), controller).unwrap();
    println!("ledger with {ACCOUNTS} accounts and {ACCOUNTS} blocks; instructions per message:");

    let call = |caller: Principal, method: &str, arg: Vec<u8>| -> u64 {
        devnet.update_call(ledger, caller, method, arg).unwrap_or_else(|e| panic!("{method}: {e:?}"));
        devnet.last_instructions()
    };
    let transfer = |to: Account, created_at_time: Option<u64>| TransferArg {
        from_subaccount: None,
        to,
        amount: Nat::from(1_000u32),
        fee: None,
        memo: None,
        created_at_time,
    };

    let mut existing = Stats(vec![]);
    for i in 0..SAMPLES {
        existing.0.push(call(principal(i), "icrc1_transfer", candid::encode_one(transfer(account(i + 1), None)).unwrap()));
    }
    existing.print("icrc1_transfer (to an existing account)");

    let mut fresh = Stats(vec![]);
    for i in 0..SAMPLES {
        fresh.0.push(call(principal(i), "icrc1_transfer", candid::encode_one(transfer(account(50_000 + i), None)).unwrap()));
    }
    fresh.print("icrc1_transfer (to a new account)");

    let mut dedup = Stats(vec![]);
    let now = devnet.time_nanos();
    for i in 0..SAMPLES {
        dedup.0.push(call(principal(i), "icrc1_transfer", candid::encode_one(transfer(account(i + 2), Some(now))).unwrap()));
    }
    dedup.print("icrc1_transfer (with created_at_time)");

    let mut approve = Stats(vec![]);
    for i in 0..SAMPLES {
        let arg = ApproveArgs {
            from_subaccount: None,
            spender: account(1_000_000 + i),
            amount: Nat::from(1_000_000u32),
            expected_allowance: None,
            expires_at: None,
            fee: None,
            memo: None,
            created_at_time: None,
        };
        approve.0.push(call(principal(i), "icrc2_approve", candid::encode_one(arg).unwrap()));
    }
    approve.print("icrc2_approve");

    let mut transfer_from = Stats(vec![]);
    for i in 0..SAMPLES {
        let arg = TransferFromArgs {
            spender_subaccount: None,
            from: account(i),
            to: account(i + 3),
            amount: Nat::from(1_000u32),
            fee: None,
            memo: None,
            created_at_time: None,
        };
        transfer_from.0.push(call(principal(1_000_000 + i), "icrc2_transfer_from", candid::encode_one(arg).unwrap()));
    }
    transfer_from.print("icrc2_transfer_from");

    let balance_of = |n: u64| -> u64 {
        devnet.query_call(ledger, principal(1), "icrc1_balance_of", candid::encode_one(account(n)).unwrap()).unwrap();
        devnet.last_instructions()
    };
    Stats((0..SAMPLES).map(|i| balance_of(5 + i)).collect()).print("icrc1_balance_of (query)");

    // An upgrade empties the heap; post_upgrade refills the slot cache from stable memory (complete up to
    // 65,536 accounts). These accounts were not touched since the upgrade.
    let upgrade = candid::encode_one(Some(LedgerArg::Upgrade(None))).unwrap();
    devnet.upgrade_canister(ledger, test_kit::wasm::built("token"), upgrade, controller).unwrap();
    println!("after an upgrade (slot cache refilled by post_upgrade; each sender and recipient used for the first time since):");
    let mut cold = Stats(vec![]);
    for i in 0..SAMPLES {
        cold.0.push(call(principal(1_000 + i), "icrc1_transfer", candid::encode_one(transfer(account(5_000 + i), None)).unwrap()));
    }
    cold.print("icrc1_transfer (to an existing account)");
    let mut cold_fresh = Stats(vec![]);
    for i in 0..SAMPLES {
        cold_fresh.0.push(call(principal(2_000 + i), "icrc1_transfer", candid::encode_one(transfer(account(60_000 + i), None)).unwrap()));
    }
    cold_fresh.print("icrc1_transfer (to a new account)");
    let mut cold_dedup = Stats(vec![]);
    let now = devnet.time_nanos();
    for i in 0..SAMPLES {
        cold_dedup.0.push(call(principal(3_000 + i), "icrc1_transfer", candid::encode_one(transfer(account(6_000 + i), Some(now))).unwrap()));
    }
    cold_dedup.print("icrc1_transfer (with created_at_time)");
    Stats((0..SAMPLES).map(|i| balance_of(7_000 + i)).collect()).print("icrc1_balance_of (query)");

    storage_per_account();
}

/// Stable bytes per account and per block, measured on the host with the canister's own repositories.
fn storage_per_account() {
    use token::models::account_key::AccountKey;
    use token::repositories::balances;
    const N: u64 = 100_000;
    for i in 0..N {
        balances::set(AccountKey::new(&account(i)), 1_000_000 + i as u128);
    }
    let bytes = balances::size_bytes();
    println!("stable bytes per account (balance slots + amounts, {N} accounts): {:.1}", bytes as f64 / N as f64);
}
