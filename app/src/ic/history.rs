//! My transactions on a ledger, read from its ICRC-3 log (`icrc3_get_blocks`): scanned from the newest
//! block backwards in chunks, keeping the blocks where I am the sender, the recipient or the spender.
//! No index canister is needed; each page scans at most `MAX_SCAN` blocks, and says where to go on.
use std::future::Future;

use candid::{Nat, Principal};
use icto_shared::token::{GetBlocksArgs, GetBlocksResult, ICRC3Value};

use super::agent::Client;

/// Blocks asked for in one call.
const CHUNK: u64 = 100;
/// Blocks scanned for one page at most, so a page of a busy ledger stays one short wait.
const MAX_SCAN: u64 = 2_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Direction {
    Sent,
    Received,
    /// To myself (from and to are mine).
    ToSelf,
    Minted,
    Burned,
    Approved,
}

/// One of my transactions, as the history shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub block: u64,
    pub direction: Direction,
    /// The other side: recipient of what I sent, sender of what I received, spender I approved.
    pub counterparty: Option<Principal>,
    pub amount: Nat,
    /// The fee paid (the transaction's, else the block's effective fee).
    pub fee: Option<Nat>,
    pub memo: Option<Vec<u8>>,
    /// When the ledger recorded it (nanoseconds since the epoch).
    pub timestamp: u64,
}

/// A page of history, newest first; `older_than` is where the next (older) page starts, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryPage {
    pub entries: Vec<HistoryEntry>,
    pub older_than: Option<u64>,
}

fn field<'a>(map: &'a [(String, ICRC3Value)], key: &str) -> Option<&'a ICRC3Value> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn as_map(value: &ICRC3Value) -> Option<&[(String, ICRC3Value)]> {
    match value {
        ICRC3Value::Map(m) => Some(m),
        _ => None,
    }
}

fn as_nat(value: Option<&ICRC3Value>) -> Option<Nat> {
    match value {
        Some(ICRC3Value::Nat(n)) => Some(n.clone()),
        _ => None,
    }
}

fn as_u64(value: Option<&ICRC3Value>) -> Option<u64> {
    as_nat(value).and_then(|n| u64::try_from(n.0).ok())
}

/// An ICRC-3 account value (`[owner]` or `[owner, subaccount]`): its owner.
fn owner(value: Option<&ICRC3Value>) -> Option<Principal> {
    match value {
        Some(ICRC3Value::Array(parts)) => match parts.first() {
            Some(ICRC3Value::Blob(bytes)) => Principal::try_from_slice(bytes).ok(),
            _ => None,
        },
        _ => None,
    }
}

/// The block as my transaction, or `None` when I am not part of it (or it is not a transaction block).
pub fn entry_for(block_id: u64, block: &ICRC3Value, me: Principal) -> Option<HistoryEntry> {
    let block_map = as_map(block)?;
    let tx = as_map(field(block_map, "tx")?)?;
    let op = match (field(tx, "op"), field(block_map, "btype")) {
        (Some(ICRC3Value::Text(op)), _) => op.as_str(),
        (_, Some(ICRC3Value::Text(btype))) => btype.trim_start_matches(|c: char| c.is_ascii_digit()),
        _ => return None,
    };
    let from = owner(field(tx, "from"));
    let to = owner(field(tx, "to"));
    let spender = owner(field(tx, "spender"));
    let (direction, counterparty) = match op {
        "mint" if to == Some(me) => (Direction::Minted, None),
        "burn" if from == Some(me) => (Direction::Burned, None),
        "xfer" if from == Some(me) && to == Some(me) => (Direction::ToSelf, Some(me)),
        "xfer" if from == Some(me) => (Direction::Sent, to),
        "xfer" if to == Some(me) => (Direction::Received, from),
        "xfer" if spender == Some(me) => (Direction::Sent, to),
        "approve" if from == Some(me) => (Direction::Approved, spender),
        _ => return None,
    };
    let memo = match field(tx, "memo") {
        Some(ICRC3Value::Blob(bytes)) => Some(bytes.clone()),
        _ => None,
    };
    Some(HistoryEntry {
        block: block_id,
        direction,
        counterparty,
        amount: as_nat(field(tx, "amt")).unwrap_or_default(),
        fee: as_nat(field(tx, "fee")).or_else(|| as_nat(field(block_map, "fee"))),
        memo,
        timestamp: as_u64(field(block_map, "ts")).unwrap_or(0),
    })
}

/// Scans blocks `[0, before)` from the newest down, in chunks read by `read(start, length)` (which returns
/// the log length and the blocks with their ids), until `wanted` of mine are found or `MAX_SCAN` blocks
/// were read. `before: None` starts at the newest block.
pub async fn scan<F, Fut>(read: F, me: Principal, before: Option<u64>, wanted: usize) -> Result<HistoryPage, String>
where
    F: Fn(u64, u64) -> Fut,
    Fut: Future<Output = Result<(u64, Vec<(u64, ICRC3Value)>), String>>,
{
    let mut end = match before {
        Some(before) => before,
        None => read(0, 0).await?.0,
    };
    let mut entries = Vec::new();
    let mut scanned = 0;
    while end > 0 && entries.len() < wanted && scanned < MAX_SCAN {
        let start = end.saturating_sub(CHUNK);
        let (_, mut blocks) = read(start, end - start).await?;
        blocks.sort_by_key(|(id, _)| std::cmp::Reverse(*id));
        let mut last_taken = None;
        for (id, block) in blocks.iter().filter(|(id, _)| (start..end).contains(id)) {
            if entries.len() == wanted {
                break;
            }
            last_taken = Some(*id);
            if let Some(entry) = entry_for(*id, block, me) {
                entries.push(entry);
            }
        }
        scanned += end - start;
        // A full page may stop inside a chunk: the next page starts at the last block looked at.
        end = if entries.len() == wanted { last_taken.unwrap_or(start) } else { start };
    }
    Ok(HistoryPage { entries, older_than: (end > 0).then_some(end) })
}

/// A page of my history on `ledger` (see `scan`). Blocks moved to archives are not followed.
pub async fn my_history(client: &Client, me: Principal, before: Option<u64>, wanted: usize) -> Result<HistoryPage, String> {
    let read = |start: u64, length: u64| async move {
        let args = vec![GetBlocksArgs { start: Nat::from(start), length: Nat::from(length) }];
        let (result,): (GetBlocksResult,) = client.query("icrc3_get_blocks", (args,)).await?;
        let log_length = u64::try_from(result.log_length.0).map_err(|_| "the ledger's log is too long".to_string())?;
        let blocks = result
            .blocks
            .into_iter()
            .filter_map(|b| u64::try_from(b.id.0).ok().map(|id| (id, b.block)))
            .collect();
        Ok::<_, String>((log_length, blocks))
    };
    scan(read, me, before, wanted).await
}

/// A memo as text when it is printable UTF-8, else as hex.
pub fn memo_text(memo: &[u8]) -> String {
    match std::str::from_utf8(memo) {
        Ok(text) if !text.chars().any(char::is_control) => text.to_string(),
        _ => hex::encode(memo),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(p: Principal) -> ICRC3Value {
        ICRC3Value::Array(vec![ICRC3Value::Blob(p.as_slice().to_vec())])
    }

    fn nat(n: u64) -> ICRC3Value {
        ICRC3Value::Nat(Nat::from(n))
    }

    fn block(op: &str, from: Option<Principal>, to: Option<Principal>, amount: u64, ts: u64) -> ICRC3Value {
        let mut tx = vec![("op".to_string(), ICRC3Value::Text(op.into())), ("amt".to_string(), nat(amount))];
        if let Some(from) = from {
            tx.push(("from".into(), account(from)));
        }
        if let Some(to) = to {
            tx.push(("to".into(), account(to)));
        }
        if op == "xfer" {
            tx.push(("fee".into(), nat(10_000)));
            tx.push(("memo".into(), ICRC3Value::Blob(b"rent".to_vec())));
        }
        ICRC3Value::Map(vec![("ts".into(), nat(ts)), ("tx".into(), ICRC3Value::Map(tx))])
    }

    fn me() -> Principal {
        Principal::self_authenticating([1u8; 32])
    }

    fn other() -> Principal {
        Principal::self_authenticating([2u8; 32])
    }

    #[test]
    fn reads_direction_counterparty_amount_fee_memo_and_time() {
        let sent = entry_for(7, &block("xfer", Some(me()), Some(other()), 500, 42), me()).unwrap();
        assert_eq!(sent.direction, Direction::Sent);
        assert_eq!(sent.counterparty, Some(other()));
        assert_eq!((sent.amount, sent.fee, sent.timestamp, sent.block), (Nat::from(500u32), Some(Nat::from(10_000u32)), 42, 7));
        assert_eq!(memo_text(sent.memo.as_deref().unwrap()), "rent");
        let received = entry_for(8, &block("xfer", Some(other()), Some(me()), 5, 43), me()).unwrap();
        assert_eq!((received.direction, received.counterparty), (Direction::Received, Some(other())));
        assert_eq!(entry_for(9, &block("mint", None, Some(me()), 5, 44), me()).unwrap().direction, Direction::Minted);
        assert_eq!(entry_for(10, &block("burn", Some(me()), None, 5, 45), me()).unwrap().direction, Direction::Burned);
        assert!(entry_for(11, &block("xfer", Some(other()), Some(other()), 5, 46), me()).is_none(), "not mine");
        assert_eq!(memo_text(&[0, 1, 0xff]), "0001ff");
    }

    /// A ledger of `n` blocks where every third block is mine: scanning pages newest first, without gaps or repeats.
    #[test]
    fn pages_go_newest_first_without_gaps() {
        let n = 250u64;
        let blocks: Vec<ICRC3Value> = (0..n)
            .map(|i| if i % 3 == 0 { block("xfer", Some(me()), Some(other()), i, i) } else { block("xfer", Some(other()), Some(other()), i, i) })
            .collect();
        let read = |start: u64, length: u64| {
            let page: Vec<(u64, ICRC3Value)> =
                (start..(start + length).min(n)).map(|i| (i, blocks[i as usize].clone())).collect();
            async move { Ok::<_, String>((n, page)) }
        };
        let mut seen = Vec::new();
        let mut before = None;
        loop {
            let page = futures::executor::block_on(scan(&read, me(), before, 10)).unwrap();
            assert!(page.entries.len() <= 10);
            seen.extend(page.entries.iter().map(|e| e.block));
            match page.older_than {
                Some(next) => before = Some(next),
                None => break,
            }
        }
        let expected: Vec<u64> = (0..n).rev().filter(|i| i % 3 == 0).collect();
        assert_eq!(seen, expected);
    }
}
