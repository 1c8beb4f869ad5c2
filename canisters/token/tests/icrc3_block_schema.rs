//! Every kind of block the ledger writes, checked against the ICRC-3 legacy block schemas (dfinity/ICRC-1,
//! standards/ICRC-3: "Transfer/Mint/Burn/Approve Block", "Canonical tx Mapping") by a checker written
//! from the text, not from the ledger's code, and against `icrc3_supported_block_types`.

mod common;

use candid::Nat;
use common::*;
use icto_shared::token::*;
use serde_bytes::ByteBuf;

fn map(v: &ICRC3Value) -> &[(String, ICRC3Value)] {
    match v {
        ICRC3Value::Map(m) => m,
        other => panic!("not a map: {other:?}"),
    }
}

fn get<'a>(m: &'a [(String, ICRC3Value)], key: &str) -> Option<&'a ICRC3Value> {
    m.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn is_nat(v: &ICRC3Value) -> bool {
    matches!(v, ICRC3Value::Nat(_))
}

/// An ICRC-3 account: `[owner]` or `[owner, subaccount]`, a principal of at most 29 bytes and a
/// 32-byte subaccount.
fn is_account(v: &ICRC3Value) -> bool {
    match v {
        ICRC3Value::Array(parts) => match parts.as_slice() {
            [ICRC3Value::Blob(owner)] => owner.len() <= 29,
            [ICRC3Value::Blob(owner), ICRC3Value::Blob(sub)] => owner.len() <= 29 && sub.len() == 32,
            _ => false,
        },
        _ => false,
    }
}

/// The block type by the legacy rules, after checking the block against its schema.
fn check_block(index: u64, block: &ICRC3Value) -> Result<&'static str, String> {
    let b = map(block);
    for (k, v) in b {
        let ok = match k.as_str() {
            "phash" => matches!(v, ICRC3Value::Blob(h) if h.len() == 32),
            "ts" | "fee" | "fee_col_block" => is_nat(v),
            "fee_col" => is_account(v),
            "tx" => matches!(v, ICRC3Value::Map(_)),
            // Legacy ICRC-1/2 blocks MUST NOT carry btype; nothing else is defined at the top level.
            _ => false,
        };
        if !ok {
            return Err(format!("block field {k} = {v:?}"));
        }
    }
    if (index == 0) != get(b, "phash").is_none() {
        return Err("phash must be absent exactly on the genesis block".into());
    }
    if get(b, "ts").is_none() {
        return Err("ts missing".into());
    }
    let tx = map(get(b, "tx").ok_or("tx missing")?);
    let op = match get(tx, "op") {
        Some(ICRC3Value::Text(t)) => t.as_str(),
        other => return Err(format!("tx.op = {other:?}")),
    };
    // (required, allowed besides them) per op.
    let (required, optional): (&[&str], &[&str]) = match op {
        "xfer" => (&["from", "to", "amt"], &["fee", "memo", "ts", "spender"]),
        "mint" => (&["to", "amt"], &["memo", "ts", "spender"]),
        "burn" => (&["from", "amt"], &["memo", "ts", "spender"]),
        "approve" => (&["from", "spender", "amt"], &["fee", "memo", "ts", "expected_allowance", "expires_at"]),
        other => return Err(format!("unknown op {other}")),
    };
    for r in required {
        if get(tx, r).is_none() {
            return Err(format!("{op}: tx.{r} missing"));
        }
    }
    for (k, v) in tx {
        if k == "op" {
            continue;
        }
        if !required.contains(&k.as_str()) && !optional.contains(&k.as_str()) {
            return Err(format!("{op}: tx.{k} is not allowed"));
        }
        let ok = match k.as_str() {
            "from" | "to" | "spender" => is_account(v),
            "memo" => matches!(v, ICRC3Value::Blob(_)),
            _ => is_nat(v),
        };
        if !ok {
            return Err(format!("{op}: tx.{k} = {v:?}"));
        }
    }
    let spender = get(tx, "spender").is_some();
    Ok(match (op, spender) {
        ("xfer", false) => "1xfer",
        ("xfer", true) => "2xfer",
        ("mint", false) => "1mint",
        ("mint", true) => "2mint",
        ("burn", false) => "1burn",
        ("burn", true) => "2burn",
        _ => "2approve",
    })
}

fn sub(n: u8) -> Account {
    Account { owner: principal(1), subaccount: Some([n; 32]) }
}

#[test]
fn every_block_the_ledger_writes_follows_the_icrc3_schema() {
    let mut init = init_args(vec![(account(1), Nat::from(10_000_000u64))]);
    init.fee_collector_account = Some(account(9));
    let ledger = Ledger::deploy(init);
    let (user, minter_p) = (principal(1), minter().owner);
    let now = ledger.devnet.time_nanos();
    let memo = Some(ByteBuf::from(b"memo".to_vec()));

    // Mints: plain, and with every optional field the caller can give (fee = 0 is accepted, not recorded).
    ledger.transfer(minter_p, transfer_arg(account(2), 500)).unwrap();
    let mut a = transfer_arg(sub(3), 500);
    (a.fee, a.memo, a.created_at_time) = (Some(Nat::from(0u8)), memo.clone(), Some(now));
    ledger.transfer(minter_p, a).unwrap();
    // Transfers: default fee (fee_col, then fee_col_block), explicit fee, subaccounts, memo, time.
    ledger.transfer(user, transfer_arg(account(2), 1_000)).unwrap();
    let mut a = transfer_arg(sub(4), 1_000);
    (a.fee, a.memo, a.created_at_time) = (Some(Nat::from(FEE)), memo.clone(), Some(now));
    ledger.transfer(user, a).unwrap();
    // Burns, with fee = 0 given.
    let mut a = transfer_arg(minter(), 20_000);
    (a.fee, a.memo, a.created_at_time) = (Some(Nat::from(0u8)), memo.clone(), Some(now + 1));
    ledger.transfer(user, a).unwrap();
    ledger.transfer(user, transfer_arg(minter(), 20_000)).unwrap();
    // Approvals with and without the optional fields.
    ledger.approve(user, approve_arg(account(5), 1_000_000)).unwrap();
    let mut a = approve_arg(account(6), 1_000_000);
    (a.expected_allowance, a.expires_at, a.fee, a.memo, a.created_at_time, a.from_subaccount) =
        (Some(Nat::from(0u8)), Some(now + 1_000_000_000_000), Some(Nat::from(FEE)), memo.clone(), Some(now), None);
    ledger.approve(user, a).unwrap();
    // transfer_from: to a user (2xfer), to the minting account (2burn, fee = 0 given), with a subaccount.
    ledger.transfer_from(principal(5), transfer_from_arg(account(1), account(7), 1_000)).unwrap();
    let mut a = transfer_from_arg(account(1), minter(), 20_000);
    (a.fee, a.memo, a.created_at_time) = (Some(Nat::from(0u8)), memo.clone(), Some(now));
    ledger.transfer_from(principal(5), a).unwrap();
    let mut a = transfer_from_arg(account(1), sub(8), 1_000);
    (a.fee, a.memo) = (Some(Nat::from(FEE)), memo);
    ledger.transfer_from(principal(6), a).unwrap();

    let supported: Vec<SupportedBlockType> = ledger.query("icrc3_supported_block_types", ());
    let supported: Vec<&str> = supported.iter().map(|t| t.block_type.as_str()).collect();
    let mut written = std::collections::BTreeSet::new();
    for b in ledger.all_blocks() {
        let id = u64::try_from(&b.id.0).unwrap();
        let btype = check_block(id, &b.block).unwrap_or_else(|e| panic!("block {id}: {e}: {:?}", b.block));
        assert!(supported.contains(&btype), "block {id} is a {btype}, not in icrc3_supported_block_types {supported:?}");
        written.insert(btype);
    }
    assert_eq!(written.into_iter().collect::<Vec<_>>(), ["1burn", "1mint", "1xfer", "2approve", "2burn", "2xfer"]);
}

/// ICRC-3: "Transfer from the Minting Account (→ Mint) ... `from` and `fee` MUST NOT be present", and
/// the same for burns, even when the caller passes `fee = opt 0`.
#[test]
fn mint_and_burn_blocks_have_no_tx_fee() {
    let ledger = Ledger::deploy(init_args(vec![(account(1), Nat::from(10_000_000u64))]));
    let mut mint = transfer_arg(account(2), 5);
    mint.fee = Some(Nat::from(0u8));
    ledger.transfer(minter().owner, mint).unwrap();
    let mut burn = transfer_arg(minter(), FEE);
    burn.fee = Some(Nat::from(0u8));
    ledger.transfer(principal(1), burn).unwrap();
    let blocks = ledger.all_blocks();
    for b in &blocks[1..] {
        let tx = map(get(map(&b.block), "tx").unwrap());
        assert!(get(tx, "fee").is_none(), "block {}: {tx:?}", b.id);
    }
}
