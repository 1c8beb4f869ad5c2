//! A small Candid decoder for TransferArg, ApproveArgs and TransferFromArgs. It reads the type table
//! and the value generically (records, opt, vec, primitives), then maps fields by hash. It returns
//! `None` for anything it does not handle exactly (variants, references, big nats, type mismatches,
//! extra arguments), and the caller then uses the `candid` crate, whose answer is authoritative.

use candid::{Nat, Principal};
use icto_shared::token::{Account, ApproveArgs, TransferArg, TransferFromArgs};
use serde_bytes::ByteBuf;

const MAX_DEPTH: u32 = 16;
const MAX_TYPES: u64 = 64;

enum Type {
    Record(Vec<(u32, i64)>),
    Opt(i64),
    Vec(i64),
}

enum V<'a> {
    Nat(u128),
    Nat64(u64),
    Principal(&'a [u8]),
    Blob(&'a [u8]),
    Null,
    Opt(Option<Box<V<'a>>>),
    Record(Vec<(u32, V<'a>)>),
    /// A value of a type this decoder never maps (read to stay in step).
    Other,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn leb(&mut self) -> Option<u128> {
        let mut result: u128 = 0;
        for shift in (0..=126).step_by(7) {
            let b = self.byte()?;
            let bits = (b & 0x7f) as u128;
            if shift == 126 && bits > 3 {
                return None;
            }
            result |= bits << shift;
            if b & 0x80 == 0 {
                return Some(result);
            }
        }
        None
    }
    /// LEB128 into a u64 with 64-bit arithmetic (u128 shifts cost several times more in wasm); values
    /// that do not fit are `None`. Lengths, counts and field hashes are read this way.
    fn leb_u64(&mut self) -> Option<u64> {
        let mut result: u64 = 0;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            let bits = (b & 0x7f) as u64;
            if shift == 63 && bits > 1 {
                return None;
            }
            result |= bits << shift;
            if b & 0x80 == 0 {
                return Some(result);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    }
    fn sleb(&mut self) -> Option<i64> {
        let mut result: i64 = 0;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift >= 63 {
                return None;
            }
            result |= ((b & 0x7f) as i64) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                if shift < 64 && b & 0x40 != 0 {
                    result |= -1i64 << shift;
                }
                return Some(result);
            }
        }
    }
}

struct Decoder<'a> {
    r: Reader<'a>,
    table: Vec<Type>,
}

impl<'a> Decoder<'a> {
    fn value(&mut self, t: i64, depth: u32) -> Option<V<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let r = &mut self.r;
        Some(match t {
            -1 => V::Null,
            -2 => match r.byte()? {
                0 | 1 => V::Other,
                _ => return None,
            },
            -3 => V::Nat(r.leb()?),
            -4 => {
                r.sleb()?;
                V::Other
            }
            -5 | -9 => skip(r, 1)?,
            -6 | -10 => skip(r, 2)?,
            -7 | -11 | -13 => skip(r, 4)?,
            -8 => V::Nat64(u64::from_le_bytes(r.take(8)?.try_into().ok()?)),
            -12 | -14 => skip(r, 8)?,
            -15 => {
                let len = r.leb_u64()? as usize;
                std::str::from_utf8(r.take(len)?).ok()?;
                V::Other
            }
            -16 => V::Other,
            -24 => {
                if r.byte()? != 1 {
                    return None;
                }
                let len = r.leb_u64()? as usize;
                V::Principal(r.take(len)?)
            }
            t if t >= 0 => return self.composite(t as usize, depth),
            _ => return None,
        })
    }

    fn composite(&mut self, index: usize, depth: u32) -> Option<V<'a>> {
        match self.table.get(index)? {
            Type::Opt(inner) => {
                let inner = *inner;
                match self.r.byte()? {
                    0 => Some(V::Opt(None)),
                    1 => Some(V::Opt(Some(Box::new(self.value(inner, depth + 1)?)))),
                    _ => None,
                }
            }
            Type::Vec(inner) => {
                let inner = *inner;
                let len = self.r.leb_u64()? as usize;
                if inner == -5 {
                    return Some(V::Blob(self.r.take(len)?));
                }
                // Elements of zero width could make a tiny message expand without bound.
                if matches!(inner, -1 | -16) || len > self.r.bytes.len() {
                    return None;
                }
                for _ in 0..len {
                    self.value(inner, depth + 1)?;
                }
                Some(V::Other)
            }
            Type::Record(fields) => {
                let count = fields.len();
                let mut out = Vec::with_capacity(count);
                for i in 0..count {
                    // Index instead of cloning the field list: the table is not changed while reading.
                    let Type::Record(fields) = &self.table[index] else { return None };
                    let (hash, t) = fields[i];
                    out.push((hash, self.value(t, depth + 1)?));
                }
                Some(V::Record(out))
            }
        }
    }
}

fn skip<'a>(r: &mut Reader<'a>, n: usize) -> Option<V<'a>> {
    r.take(n)?;
    Some(V::Other)
}

/// The first argument's value, if the message is exactly one argument whose type this decoder reads.
fn decode_single(bytes: &[u8]) -> Option<V<'_>> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(4)? != b"DIDL" {
        return None;
    }
    let count = r.leb_u64()?;
    if count > MAX_TYPES {
        return None;
    }
    let mut table = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let t = match r.sleb()? {
            -18 => Type::Opt(r.sleb()?),
            -19 => Type::Vec(r.sleb()?),
            -20 => {
                let n = r.leb_u64()?;
                if n > 64 {
                    return None;
                }
                let mut fields = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    let hash = u32::try_from(r.leb_u64()?).ok()?;
                    fields.push((hash, r.sleb()?));
                }
                Type::Record(fields)
            }
            _ => return None,
        };
        table.push(t);
    }
    if r.leb_u64()? != 1 {
        return None;
    }
    let arg_type = r.sleb()?;
    let mut d = Decoder { r, table };
    let value = d.value(arg_type, 0)?;
    (d.r.pos == bytes.len()).then_some(value)
}

const fn idl_hash(name: &str) -> u32 {
    let b = name.as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < b.len() {
        h = h.wrapping_mul(223).wrapping_add(b[i] as u32);
        i += 1;
    }
    h
}

fn field<'v, 'a>(fields: &'v [(u32, V<'a>)], name: &str) -> Option<&'v V<'a>> {
    let h = idl_hash(name);
    fields.iter().find(|(k, _)| *k == h).map(|(_, v)| v)
}

/// An `opt T` field: absent, null or none is `None`; a value of another type is a mismatch (`Err`).
fn opt_field<'v, 'a, T>(fields: &'v [(u32, V<'a>)], name: &str, read: impl Fn(&V<'a>) -> Option<T>) -> Result<Option<T>, ()> {
    match field(fields, name) {
        None | Some(V::Null) | Some(V::Opt(None)) => Ok(None),
        Some(V::Opt(Some(v))) => read(v).map(Some).ok_or(()),
        Some(_) => Err(()),
    }
}

fn nat(v: &V) -> Option<Nat> {
    match v {
        V::Nat(n) => Some(Nat::from(*n)),
        _ => None,
    }
}
fn nat64(v: &V) -> Option<u64> {
    match v {
        V::Nat64(n) => Some(*n),
        _ => None,
    }
}
fn blob(v: &V) -> Option<ByteBuf> {
    match v {
        V::Blob(b) => Some(ByteBuf::from(b.to_vec())),
        _ => None,
    }
}
fn subaccount(v: &V) -> Option<[u8; 32]> {
    match v {
        V::Blob(b) => (*b).try_into().ok(),
        _ => None,
    }
}
fn account(v: &V) -> Option<Account> {
    let V::Record(fields) = v else { return None };
    let owner = match field(fields, "owner")? {
        V::Principal(p) if p.len() <= 29 => Principal::from_slice(p),
        _ => return None,
    };
    let subaccount = opt_field(fields, "subaccount", subaccount).ok()?;
    Some(Account { owner, subaccount })
}

fn record(bytes: &[u8]) -> Option<Vec<(u32, V<'_>)>> {
    match decode_single(bytes)? {
        V::Record(fields) => Some(fields),
        _ => None,
    }
}

/// The argument of `icrc1_balance_of`.
pub fn account_arg(bytes: &[u8]) -> Option<Account> {
    account(&decode_single(bytes)?)
}

pub fn transfer_arg(bytes: &[u8]) -> Option<TransferArg> {
    let f = record(bytes)?;
    Some(TransferArg {
        from_subaccount: opt_field(&f, "from_subaccount", subaccount).ok()?,
        to: account(field(&f, "to")?)?,
        amount: nat(field(&f, "amount")?)?,
        fee: opt_field(&f, "fee", nat).ok()?,
        memo: opt_field(&f, "memo", blob).ok()?,
        created_at_time: opt_field(&f, "created_at_time", nat64).ok()?,
    })
}

pub fn approve_args(bytes: &[u8]) -> Option<ApproveArgs> {
    let f = record(bytes)?;
    Some(ApproveArgs {
        from_subaccount: opt_field(&f, "from_subaccount", subaccount).ok()?,
        spender: account(field(&f, "spender")?)?,
        amount: nat(field(&f, "amount")?)?,
        expected_allowance: opt_field(&f, "expected_allowance", nat).ok()?,
        expires_at: opt_field(&f, "expires_at", nat64).ok()?,
        fee: opt_field(&f, "fee", nat).ok()?,
        memo: opt_field(&f, "memo", blob).ok()?,
        created_at_time: opt_field(&f, "created_at_time", nat64).ok()?,
    })
}

pub fn transfer_from_args(bytes: &[u8]) -> Option<TransferFromArgs> {
    let f = record(bytes)?;
    Some(TransferFromArgs {
        spender_subaccount: opt_field(&f, "spender_subaccount", subaccount).ok()?,
        from: account(field(&f, "from")?)?,
        to: account(field(&f, "to")?)?,
        amount: nat(field(&f, "amount")?)?,
        fee: opt_field(&f, "fee", nat).ok()?,
        memo: opt_field(&f, "memo", blob).ok()?,
        created_at_time: opt_field(&f, "created_at_time", nat64).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::{CandidType, Encode};

    fn acc(n: u8, sub: Option<[u8; 32]>) -> Account {
        Account { owner: Principal::from_slice(&[n; 29]), subaccount: sub }
    }

    fn transfers() -> Vec<TransferArg> {
        let base = TransferArg { from_subaccount: None, to: acc(1, None), amount: Nat::from(5u8), fee: None, memo: None, created_at_time: None };
        vec![
            base.clone(),
            TransferArg {
                from_subaccount: Some([3; 32]),
                to: acc(2, Some([0; 32])),
                amount: Nat::from(u128::MAX),
                fee: Some(Nat::from(10_000u32)),
                memo: Some(ByteBuf::from(vec![1, 2, 3])),
                created_at_time: Some(u64::MAX),
            },
            TransferArg { memo: Some(ByteBuf::from(vec![])), ..base },
        ]
    }

    #[test]
    fn matches_the_candid_crate_on_typical_encodings() {
        for t in transfers() {
            assert_eq!(transfer_arg(&Encode!(&t).unwrap()), Some(t));
        }
        let a = ApproveArgs {
            from_subaccount: None,
            spender: acc(4, None),
            amount: Nat::from(7u8),
            expected_allowance: Some(Nat::from(3u8)),
            expires_at: Some(9),
            fee: None,
            memo: None,
            created_at_time: Some(1),
        };
        assert_eq!(approve_args(&Encode!(&a).unwrap()), Some(a));
        let tf = TransferFromArgs {
            spender_subaccount: Some([1; 32]),
            from: acc(5, None),
            to: acc(6, Some([2; 32])),
            amount: Nat::from(8u8),
            fee: Some(Nat::from(1u8)),
            memo: None,
            created_at_time: None,
        };
        assert_eq!(transfer_from_args(&Encode!(&tf).unwrap()), Some(tf));
        for a in [acc(7, None), acc(8, Some([4; 32]))] {
            assert_eq!(account_arg(&Encode!(&a).unwrap()), Some(a));
        }
        assert_eq!(account_arg(&Encode!(&transfers()[0]).unwrap()), None, "not an account");
    }

    #[derive(CandidType)]
    struct Minimal {
        to: Account,
        amount: Nat,
        extra: Vec<String>,
    }

    #[test]
    fn reads_subtypes_and_declines_what_it_does_not_handle() {
        // Missing opt fields and an unknown extra field: still a TransferArg.
        let m = Minimal { to: acc(1, None), amount: Nat::from(1u8), extra: vec!["x".into()] };
        let t = transfer_arg(&Encode!(&m).unwrap()).unwrap();
        assert_eq!((t.fee, t.memo, t.created_at_time), (None, None, None));
        // Too-big nat, wrong subaccount length, two arguments, garbage: the candid crate decides.
        let mut big = transfers()[0].clone();
        big.amount = Nat::from(u128::MAX) + Nat::from(1u8);
        assert_eq!(transfer_arg(&Encode!(&big).unwrap()), None);
        #[derive(CandidType)]
        struct BadSub {
            to: Account,
            amount: Nat,
            from_subaccount: Option<Vec<u8>>,
        }
        let bad = BadSub { to: acc(1, None), amount: Nat::from(1u8), from_subaccount: Some(vec![1; 31]) };
        assert_eq!(transfer_arg(&Encode!(&bad).unwrap()), None);
        assert_eq!(transfer_arg(&Encode!(&transfers()[0], &1u8).unwrap()), None);
        assert_eq!(transfer_arg(b"DIDL\x00\x01\x71\x00"), None);
        assert_eq!(transfer_arg(b"nonsense"), None);
        let mut truncated = Encode!(&transfers()[1]).unwrap();
        truncated.pop();
        assert_eq!(transfer_arg(&truncated), None);
    }

    #[test]
    fn leb_u64_reads_the_whole_range_and_rejects_overflow() {
        for n in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut buf = Vec::new();
            candid::Nat::from(n).encode(&mut buf).unwrap();
            assert_eq!(Reader { bytes: &buf, pos: 0 }.leb_u64(), Some(n));
        }
        let mut too_big = Vec::new();
        candid::Nat::from(u64::MAX as u128 + 1).encode(&mut too_big).unwrap();
        assert_eq!(Reader { bytes: &too_big, pos: 0 }.leb_u64(), None);
        assert_eq!(Reader { bytes: &[0x80, 0x80], pos: 0 }.leb_u64(), None, "truncated");
    }

    #[test]
    fn idl_hash_matches_candid() {
        assert_eq!(idl_hash("Ok"), candid::idl_hash("Ok"));
        assert_eq!(idl_hash("created_at_time"), candid::idl_hash("created_at_time"));
    }
}
