//! Init and upgrade: settings from `LedgerArg`, initial balances minted as blocks.

use super::balance_changes::BalanceChanges;
use super::block_writer::{self, NewBlock};
use crate::hashing::block_hash::tx_hash;
use crate::models::account_key::AccountKey;
use crate::models::block::{Operation, Tx};
use crate::models::settings::{LedgerSettings, DEFAULT_MAX_MEMO_LENGTH, DEFAULT_MAX_TRANSACTIONS_IN_WINDOW, MAX_MEMO_LENGTH_LIMIT};
use crate::repositories::{balances, blocks, dedup, settings};
use candid::Nat;
use icto_shared::token::{Account, ChangeFeeCollector, InitArgs, MetadataValue, UpgradeArgs};

pub const MAX_METADATA_ENTRIES: usize = 64;
pub const MAX_METADATA_BYTES: usize = 64 * 1024;
pub const MAX_TEXT_CHARS: usize = 64;

fn to_u128(n: &Nat, what: &str) -> Result<u128, String> {
    u128::try_from(&n.0).map_err(|_| format!("{what} does not fit in 128 bits"))
}

fn check_memo_length(n: u16) -> Result<u16, String> {
    if n > MAX_MEMO_LENGTH_LIMIT {
        return Err(format!("max_memo_length {n} exceeds {MAX_MEMO_LENGTH_LIMIT}"));
    }
    Ok(n)
}

fn check_metadata(m: &[(String, MetadataValue)]) -> Result<(), String> {
    let bytes: usize = m
        .iter()
        .map(|(k, v)| {
            k.len()
                + match v {
                    MetadataValue::Text(t) => t.len(),
                    MetadataValue::Blob(b) => b.len(),
                    _ => 32,
                }
        })
        .sum();
    if m.len() > MAX_METADATA_ENTRIES || bytes > MAX_METADATA_BYTES {
        return Err(format!("metadata exceeds {MAX_METADATA_ENTRIES} entries or {MAX_METADATA_BYTES} bytes"));
    }
    Ok(())
}

fn check_text(t: &str, what: &str) -> Result<(), String> {
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(format!("{what} exceeds {MAX_TEXT_CHARS} characters"));
    }
    Ok(())
}

/// Fees are credited to the collector and mints come from the minting account: one account cannot be
/// both (its fees would be destroyed, and supply could not be accounted).
fn check_fee_collector(collector: Option<&Account>, minting_account: &Account) -> Result<(), String> {
    match collector {
        Some(c) if AccountKey::new(c) == AccountKey::new(minting_account) => {
            Err("the fee collector cannot be the minting account".into())
        }
        _ => Ok(()),
    }
}

/// The initial balances as u128, refused if one or their sum (the total supply) exceeds 128 bits.
fn initial_amounts(balances: &[(Account, Nat)]) -> Result<Vec<u128>, String> {
    let mut total: u128 = 0;
    balances
        .iter()
        .map(|(_, amount)| {
            let amount = to_u128(amount, "an initial balance")?;
            total = total.checked_add(amount).ok_or("the initial balances sum to more than 2^128 - 1")?;
            Ok(amount)
        })
        .collect()
}

pub fn init(now: u64, args: InitArgs) -> Result<(), String> {
    if blocks::len() > 0 {
        return Err("the ledger is already initialised".into());
    }
    check_metadata(&args.metadata)?;
    check_text(&args.token_name, "token_name")?;
    check_text(&args.token_symbol, "token_symbol")?;
    check_fee_collector(args.fee_collector_account.as_ref(), &args.minting_account)?;
    let amounts = initial_amounts(&args.initial_balances)?;
    let s = LedgerSettings {
        minting_account: args.minting_account,
        fee_collector: args.fee_collector_account,
        fee_collector_block: None,
        transfer_fee: to_u128(&args.transfer_fee, "transfer_fee")?,
        decimals: args.decimals.unwrap_or(8),
        max_memo_length: check_memo_length(args.max_memo_length.unwrap_or(DEFAULT_MAX_MEMO_LENGTH))?,
        token_symbol: args.token_symbol,
        token_name: args.token_name,
        metadata: args.metadata,
        icrc2_enabled: args.feature_flags.map_or(true, |f| f.icrc2),
        max_transactions_in_window: args.max_transactions_in_window.unwrap_or(DEFAULT_MAX_TRANSACTIONS_IN_WINDOW),
    };
    let minting_key = AccountKey::new(&s.minting_account);
    settings::set(s);
    for ((account, _), amount) in args.initial_balances.into_iter().zip(amounts) {
        let key = AccountKey::new(&account);
        if key == minting_key {
            return Err("the minting account cannot hold a balance".into());
        }
        let tx = Tx {
            op: Operation::Mint,
            amount,
            from: None,
            to: Some(account),
            spender: None,
            fee: None,
            memo: None,
            created_at_time: None,
            expected_allowance: None,
            expires_at: None,
        };
        let mut changes = BalanceChanges::default();
        changes.credit(key, amount).map_err(|e| format!("{e:?}"))?;
        let hash = tx_hash(&tx);
        let new = NewBlock { tx, tx_hash: hash, effective_fee: None, fee_collected: false, minted: amount, burned: 0 };
        block_writer::append(now, new).map_err(|e| format!("{e:?}"))?;
        changes.commit();
    }
    Ok(())
}

/// Moves data kept in an older stable layout into the current one (a no-op once done).
pub fn migrate_storage() {
    balances::migrate_legacy();
    dedup::migrate_legacy();
}

/// Rebuilds the heap caches from stable memory: install and upgrade start with an empty heap.
pub fn warm_heap() {
    balances::warm_cache();
}

pub fn upgrade(args: UpgradeArgs) -> Result<(), String> {
    let mut s = settings::get();
    if let Some(m) = args.metadata {
        check_metadata(&m)?;
        s.metadata = m;
    }
    if let Some(sym) = args.token_symbol {
        check_text(&sym, "token_symbol")?;
        s.token_symbol = sym;
    }
    if let Some(name) = args.token_name {
        check_text(&name, "token_name")?;
        s.token_name = name;
    }
    if let Some(fee) = args.transfer_fee {
        s.transfer_fee = to_u128(&fee, "transfer_fee")?;
    }
    if let Some(change) = args.change_fee_collector {
        s.fee_collector = match change {
            ChangeFeeCollector::Unset => None,
            ChangeFeeCollector::SetTo(a) => Some(a),
        };
        check_fee_collector(s.fee_collector.as_ref(), &s.minting_account)?;
        // The next block that collects a fee names the new collector.
        s.fee_collector_block = None;
    }
    if let Some(n) = args.max_memo_length {
        s.max_memo_length = check_memo_length(n)?;
    }
    if let Some(f) = args.feature_flags {
        s.icrc2_enabled = f.icrc2;
    }
    settings::set(s);
    Ok(())
}
