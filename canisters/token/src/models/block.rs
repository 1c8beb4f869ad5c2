//! A ledger block: the compact binary form kept in the stable log, and its ICRC-3 `Value` form (built only
//! when a block is read). Field names follow DFINITY's ICRC-1/2 block schema (`tx.op` + the ICRC-3 fields).

use candid::{Nat, Principal};
use icto_shared::token::{Account, ICRC3Value};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Operation {
    Mint,
    Burn,
    Transfer,
    Approve,
}

impl Operation {
    pub fn op_name(self) -> &'static str {
        match self {
            Operation::Mint => "mint",
            Operation::Burn => "burn",
            Operation::Transfer => "xfer",
            Operation::Approve => "approve",
        }
    }
    fn tag(self) -> u8 {
        self as u8
    }
    fn from_tag(t: u8) -> Operation {
        match t {
            0 => Operation::Mint,
            1 => Operation::Burn,
            2 => Operation::Transfer,
            _ => Operation::Approve,
        }
    }
}

/// How a block names the fee collector (ICRC-107 style, as DFINITY's ledger): the first block after the
/// collector is set carries the account, later ones point at that block.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum FeeCollectorRef {
    None,
    Account(Account),
    Block(u64),
}

/// The transaction part of a block: what the caller asked for. Its hash is the deduplication key.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Tx {
    pub op: Operation,
    pub amount: u128,
    pub from: Option<Account>,
    pub to: Option<Account>,
    pub spender: Option<Account>,
    /// The fee as the caller gave it.
    pub fee: Option<u128>,
    pub memo: Option<Vec<u8>>,
    pub created_at_time: Option<u64>,
    pub expected_allowance: Option<u128>,
    pub expires_at: Option<u64>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Block {
    pub parent_hash: Option<[u8; 32]>,
    pub timestamp: u64,
    /// The fee charged when the caller gave none (the block-level `fee` field).
    pub effective_fee: Option<u128>,
    pub fee_collector: FeeCollectorRef,
    pub tx: Tx,
}

const F_PHASH: u8 = 1;
const F_EFFECTIVE_FEE: u8 = 2;
const F_TX_FEE: u8 = 4;
const F_MEMO: u8 = 8;
const F_CREATED: u8 = 16;
const F_EXPECTED: u8 = 32;
const F_EXPIRES: u8 = 64;
const A_FROM: u8 = 1;
const A_TO: u8 = 2;
const A_SPENDER: u8 = 4;
const A_FEE_COL: u8 = 8;
const A_FEE_COL_BLOCK: u8 = 16;

impl Block {
    /// Compact encoding: op, two flag bytes, then only the fields present (little-endian integers).
    pub fn encode(&self) -> Vec<u8> {
        let tx = &self.tx;
        let mut out = Vec::with_capacity(160);
        let mut flags = 0u8;
        let mut accounts = 0u8;
        if self.parent_hash.is_some() { flags |= F_PHASH; }
        if self.effective_fee.is_some() { flags |= F_EFFECTIVE_FEE; }
        if tx.fee.is_some() { flags |= F_TX_FEE; }
        if tx.memo.is_some() { flags |= F_MEMO; }
        if tx.created_at_time.is_some() { flags |= F_CREATED; }
        if tx.expected_allowance.is_some() { flags |= F_EXPECTED; }
        if tx.expires_at.is_some() { flags |= F_EXPIRES; }
        if tx.from.is_some() { accounts |= A_FROM; }
        if tx.to.is_some() { accounts |= A_TO; }
        if tx.spender.is_some() { accounts |= A_SPENDER; }
        match self.fee_collector {
            FeeCollectorRef::None => {}
            FeeCollectorRef::Account(_) => accounts |= A_FEE_COL,
            FeeCollectorRef::Block(_) => accounts |= A_FEE_COL_BLOCK,
        }
        out.push(tx.op.tag());
        out.push(flags);
        out.push(accounts);
        out.extend_from_slice(&self.timestamp.to_le_bytes());
        out.extend_from_slice(&tx.amount.to_le_bytes());
        if let Some(h) = &self.parent_hash { out.extend_from_slice(h); }
        if let Some(f) = self.effective_fee { out.extend_from_slice(&f.to_le_bytes()); }
        if let Some(f) = tx.fee { out.extend_from_slice(&f.to_le_bytes()); }
        if let Some(m) = &tx.memo {
            out.extend_from_slice(&(m.len() as u16).to_le_bytes());
            out.extend_from_slice(m);
        }
        if let Some(t) = tx.created_at_time { out.extend_from_slice(&t.to_le_bytes()); }
        if let Some(a) = tx.expected_allowance { out.extend_from_slice(&a.to_le_bytes()); }
        if let Some(t) = tx.expires_at { out.extend_from_slice(&t.to_le_bytes()); }
        for acc in [&tx.from, &tx.to, &tx.spender].into_iter().flatten() {
            encode_account(acc, &mut out);
        }
        match &self.fee_collector {
            FeeCollectorRef::None => {}
            FeeCollectorRef::Account(a) => encode_account(a, &mut out),
            FeeCollectorRef::Block(i) => out.extend_from_slice(&i.to_le_bytes()),
        }
        out
    }

    /// Decodes what `encode` wrote; the log holds only such bytes, so malformed input is a bug (panics).
    pub fn decode(bytes: &[u8]) -> Block {
        let mut r = Reader { bytes, pos: 0 };
        let op = Operation::from_tag(r.u8());
        let flags = r.u8();
        let accounts = r.u8();
        let timestamp = r.u64();
        let amount = r.u128();
        let parent_hash = (flags & F_PHASH != 0).then(|| r.array32());
        let effective_fee = (flags & F_EFFECTIVE_FEE != 0).then(|| r.u128());
        let fee = (flags & F_TX_FEE != 0).then(|| r.u128());
        let memo = (flags & F_MEMO != 0).then(|| {
            let len = r.u16() as usize;
            r.take(len).to_vec()
        });
        let created_at_time = (flags & F_CREATED != 0).then(|| r.u64());
        let expected_allowance = (flags & F_EXPECTED != 0).then(|| r.u128());
        let expires_at = (flags & F_EXPIRES != 0).then(|| r.u64());
        let from = (accounts & A_FROM != 0).then(|| r.account());
        let to = (accounts & A_TO != 0).then(|| r.account());
        let spender = (accounts & A_SPENDER != 0).then(|| r.account());
        let fee_collector = if accounts & A_FEE_COL != 0 {
            FeeCollectorRef::Account(r.account())
        } else if accounts & A_FEE_COL_BLOCK != 0 {
            FeeCollectorRef::Block(r.u64())
        } else {
            FeeCollectorRef::None
        };
        Block {
            parent_hash,
            timestamp,
            effective_fee,
            fee_collector,
            tx: Tx { op, amount, from, to, spender, fee, memo, created_at_time, expected_allowance, expires_at },
        }
    }

    /// The ICRC-3 generic value of this block.
    pub fn to_value(&self) -> ICRC3Value {
        let mut fields = Vec::with_capacity(6);
        if let Some(h) = &self.parent_hash {
            fields.push(("phash".to_string(), ICRC3Value::Blob(h.to_vec())));
        }
        fields.push(("ts".to_string(), nat(self.timestamp as u128)));
        if let Some(f) = self.effective_fee {
            fields.push(("fee".to_string(), nat(f)));
        }
        match &self.fee_collector {
            FeeCollectorRef::None => {}
            FeeCollectorRef::Account(a) => fields.push(("fee_col".to_string(), account_value(a))),
            FeeCollectorRef::Block(i) => fields.push(("fee_col_block".to_string(), nat(*i as u128))),
        }
        fields.push(("tx".to_string(), self.tx.to_value()));
        ICRC3Value::Map(fields)
    }
}

impl Tx {
    pub fn to_value(&self) -> ICRC3Value {
        let mut f = Vec::with_capacity(10);
        f.push(("op".to_string(), ICRC3Value::Text(self.op.op_name().to_string())));
        f.push(("amt".to_string(), nat(self.amount)));
        if let Some(a) = &self.from { f.push(("from".to_string(), account_value(a))); }
        if let Some(a) = &self.to { f.push(("to".to_string(), account_value(a))); }
        if let Some(a) = &self.spender { f.push(("spender".to_string(), account_value(a))); }
        if let Some(x) = self.fee { f.push(("fee".to_string(), nat(x))); }
        if let Some(m) = &self.memo { f.push(("memo".to_string(), ICRC3Value::Blob(m.clone()))); }
        if let Some(t) = self.created_at_time { f.push(("ts".to_string(), nat(t as u128))); }
        if let Some(a) = self.expected_allowance { f.push(("expected_allowance".to_string(), nat(a))); }
        if let Some(t) = self.expires_at { f.push(("expires_at".to_string(), nat(t as u128))); }
        ICRC3Value::Map(f)
    }
}

fn nat(n: u128) -> ICRC3Value {
    ICRC3Value::Nat(Nat::from(n))
}

/// ICRC-3 account: `[owner]` or `[owner, subaccount]` when the caller gave a subaccount.
pub fn account_value(a: &Account) -> ICRC3Value {
    let mut parts = vec![ICRC3Value::Blob(a.owner.as_slice().to_vec())];
    if let Some(s) = &a.subaccount {
        parts.push(ICRC3Value::Blob(s.to_vec()));
    }
    ICRC3Value::Array(parts)
}

fn encode_account(a: &Account, out: &mut Vec<u8>) {
    let owner = a.owner.as_slice();
    let tag = owner.len() as u8 | if a.subaccount.is_some() { 0x80 } else { 0 };
    out.push(tag);
    out.extend_from_slice(owner);
    if let Some(s) = &a.subaccount {
        out.extend_from_slice(s);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        s
    }
    fn u8(&mut self) -> u8 {
        self.take(1)[0]
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.take(2).try_into().unwrap())
    }
    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take(8).try_into().unwrap())
    }
    fn u128(&mut self) -> u128 {
        u128::from_le_bytes(self.take(16).try_into().unwrap())
    }
    fn array32(&mut self) -> [u8; 32] {
        self.take(32).try_into().unwrap()
    }
    fn account(&mut self) -> Account {
        let tag = self.u8();
        let owner = Principal::from_slice(self.take((tag & 0x7f) as usize));
        let subaccount = (tag & 0x80 != 0).then(|| self.array32());
        Account { owner, subaccount }
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    pub fn sample_blocks() -> Vec<Block> {
        let alice = Account { owner: Principal::from_slice(&[1; 29]), subaccount: None };
        let bob = Account { owner: Principal::from_slice(&[2, 3]), subaccount: Some([5; 32]) };
        let base = Tx {
            op: Operation::Transfer,
            amount: 12_345,
            from: Some(alice.clone()),
            to: Some(bob.clone()),
            spender: None,
            fee: None,
            memo: None,
            created_at_time: None,
            expected_allowance: None,
            expires_at: None,
        };
        vec![
            Block { parent_hash: None, timestamp: 1, effective_fee: None, fee_collector: FeeCollectorRef::None,
                tx: Tx { op: Operation::Mint, from: None, ..base.clone() } },
            Block { parent_hash: Some([9; 32]), timestamp: u64::MAX, effective_fee: Some(10),
                fee_collector: FeeCollectorRef::Account(bob.clone()), tx: base.clone() },
            Block { parent_hash: Some([8; 32]), timestamp: 77, effective_fee: None,
                fee_collector: FeeCollectorRef::Block(3),
                tx: Tx { op: Operation::Approve, to: None, spender: Some(bob.clone()), fee: Some(10),
                    memo: Some(vec![1, 2, 3]), created_at_time: Some(5), expected_allowance: Some(u128::MAX),
                    expires_at: Some(99), ..base.clone() } },
            Block { parent_hash: Some([7; 32]), timestamp: 78, effective_fee: None, fee_collector: FeeCollectorRef::None,
                tx: Tx { op: Operation::Burn, to: None, spender: Some(bob), memo: Some(vec![]), ..base } },
        ]
    }

    #[test]
    fn compact_encoding_round_trips() {
        for b in sample_blocks() {
            assert_eq!(Block::decode(&b.encode()), b);
        }
    }

    #[test]
    fn value_has_icrc_fields() {
        let b = &sample_blocks()[2];
        let ICRC3Value::Map(fields) = b.to_value() else { panic!("not a map") };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["phash", "ts", "fee_col_block", "tx"]);
        let ICRC3Value::Map(tx) = &fields[3].1 else { panic!("tx not a map") };
        let tx_keys: Vec<&str> = tx.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(tx_keys, ["op", "amt", "from", "spender", "fee", "memo", "ts", "expected_allowance", "expires_at"]);
        assert_eq!(tx[0].1, ICRC3Value::Text("approve".into()));
    }
}
