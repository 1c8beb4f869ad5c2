//! The fast path for the hot methods' arguments (TransferArg, ApproveArgs, TransferFromArgs and the
//! Account of `icrc1_balance_of`): a strict Candid decoder that reads only the exact expected type
//! (optional fields may be left out) and declines everything else, which then goes to the `candid`
//! crate with quotas (`wire::args`), whose answer is authoritative.
//!
//! It must never accept what the candid crate rejects, nor read another value: it declines a type
//! table with unknown entry kinds, duplicate or unsorted record fields, or indices out of range, and
//! any argument that is not exactly one value of the expected type with nothing after it. Its work is
//! bounded by a step budget proportional to the argument's length (one step per type-table entry,
//! field and value). `tests::fast_decoder_differential` checks it against the candid crate.

use candid::{Nat, Principal};
use icto_shared::token::{subaccount_length_error, Account, ApproveArgs, Subaccount, TransferArg, TransferFromArgs};
use serde_bytes::ByteBuf;

/// Why the fast decoder produced no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fast {
    /// Not exactly the expected type, or unusual in a way this decoder does not judge: the candid
    /// crate decides.
    Declined,
    /// The expected type holding a value that no decoder of the shared types accepts (a subaccount
    /// that is not 32 bytes); the message is the one the candid path gives.
    Invalid(String),
}

type R<T> = Result<T, Fast>;

const MAX_TYPES: u64 = 64;
const MAX_FIELDS: u64 = 64;
/// Steps allowed beyond one per argument byte.
const BASE_STEPS: usize = 64;
const MAX_PRINCIPAL_LEN: usize = 29;

// Candid type codes.
const NULL: i64 = -1;
const NAT: i64 = -3;
const NAT8: i64 = -5;
const NAT64: i64 = -8;
const EMPTY: i64 = -17;
const OPT: i64 = -18;
const VEC: i64 = -19;
const RECORD: i64 = -20;
const PRINCIPAL: i64 = -24;

/// The type a field must have on the wire to be read here.
#[derive(Clone, Copy)]
enum Shape {
    Nat,
    Nat64,
    Principal,
    Blob,
    Opt(&'static Shape),
    /// Fields sorted by hash (checked by a test), as Candid orders them.
    Record(&'static [Field]),
}

struct Field {
    hash: u32,
    name: &'static str,
    shape: Shape,
}

const fn field(name: &'static str, shape: Shape) -> Field {
    Field { hash: idl_hash(name), name, shape }
}

const OPT_NAT: Shape = Shape::Opt(&Shape::Nat);
const OPT_NAT64: Shape = Shape::Opt(&Shape::Nat64);
const OPT_BLOB: Shape = Shape::Opt(&Shape::Blob);
const ACCOUNT_FIELDS: &[Field] = &[field("owner", Shape::Principal), field("subaccount", OPT_BLOB)];
const ACCOUNT: Shape = Shape::Record(ACCOUNT_FIELDS);
const TRANSFER_FIELDS: &[Field] = &[
    field("to", ACCOUNT),
    field("fee", OPT_NAT),
    field("memo", OPT_BLOB),
    field("from_subaccount", OPT_BLOB),
    field("created_at_time", OPT_NAT64),
    field("amount", Shape::Nat),
];
const TRANSFER_ARG: Shape = Shape::Record(TRANSFER_FIELDS);
const APPROVE_FIELDS: &[Field] = &[
    field("fee", OPT_NAT),
    field("memo", OPT_BLOB),
    field("from_subaccount", OPT_BLOB),
    field("created_at_time", OPT_NAT64),
    field("amount", Shape::Nat),
    field("expected_allowance", OPT_NAT),
    field("expires_at", OPT_NAT64),
    field("spender", ACCOUNT),
];
const APPROVE_ARGS: Shape = Shape::Record(APPROVE_FIELDS);
const TRANSFER_FROM_FIELDS: &[Field] = &[
    field("to", ACCOUNT),
    field("fee", OPT_NAT),
    field("spender_subaccount", OPT_BLOB),
    field("from", ACCOUNT),
    field("memo", OPT_BLOB),
    field("created_at_time", OPT_NAT64),
    field("amount", Shape::Nat),
];
const TRANSFER_FROM_ARGS: Shape = Shape::Record(TRANSFER_FROM_FIELDS);

/// The position of field `name` in `fields`, computed at compile time (`at!`).
const fn index_of(fields: &[Field], name: &str) -> usize {
    let mut i = 0;
    while i < fields.len() {
        let (a, b) = (fields[i].name.as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("no such field")
}

/// The index of a named field of a shape, as a constant.
macro_rules! at {
    ($fields:expr, $name:literal) => {
        const { index_of($fields, $name) }
    };
}

/// A type-table entry this decoder knows; record fields live in `Table::fields`.
#[derive(Clone, Copy)]
enum Entry {
    Opt(i64),
    Vec(i64),
    Record { start: usize, len: usize },
}

/// A primitive type code or an index inside a table of `count` entries.
fn valid_ref(t: i64, count: usize) -> bool {
    (EMPTY..=NULL).contains(&t) || t == PRINCIPAL || (t >= 0 && (t as usize) < count)
}

/// A decoded value of an expected shape.
enum V<'a> {
    Nat(u128),
    Nat64(u64),
    Principal(&'a [u8]),
    Blob(&'a [u8]),
    Opt(Option<Box<V<'a>>>),
    /// Indexed like the expected shape's fields; `None` where the wire left a field out.
    Record(Vec<Option<V<'a>>>),
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    steps_left: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0, steps_left: BASE_STEPS + bytes.len() }
    }
    fn step(&mut self) -> R<()> {
        self.steps_left = self.steps_left.checked_sub(1).ok_or(Fast::Declined)?;
        Ok(())
    }
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(Fast::Declined)?;
        let s = self.bytes.get(self.pos..end).ok_or(Fast::Declined)?;
        self.pos = end;
        Ok(s)
    }
    fn byte(&mut self) -> R<u8> {
        self.take(1).map(|s| s[0])
    }
    /// LEB128 into a u128; larger numbers are declined (the candid crate reads them as big nats).
    fn leb(&mut self) -> R<u128> {
        let mut result: u128 = 0;
        for shift in (0..=126).step_by(7) {
            let b = self.byte()?;
            let bits = (b & 0x7f) as u128;
            if shift == 126 && bits > 3 {
                return Err(Fast::Declined);
            }
            result |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(result);
            }
        }
        Err(Fast::Declined)
    }
    /// LEB128 into a u64 with 64-bit arithmetic (u128 shifts cost several times more in wasm). Lengths,
    /// counts and field hashes are read this way.
    fn leb_u64(&mut self) -> R<u64> {
        let mut result: u64 = 0;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            let bits = (b & 0x7f) as u64;
            if shift == 63 && bits > 1 {
                return Err(Fast::Declined);
            }
            result |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(result);
            }
            shift += 7;
            if shift > 63 {
                return Err(Fast::Declined);
            }
        }
    }
    /// Signed LEB128 for type codes and indices; anything beyond 32 bits is declined.
    fn sleb(&mut self) -> R<i64> {
        let mut result: i64 = 0;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            result |= ((b & 0x7f) as i64) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                if b & 0x40 != 0 {
                    result |= -1i64 << shift;
                }
                return if i32::try_from(result).is_ok() { Ok(result) } else { Err(Fast::Declined) };
            }
            if shift > 35 {
                return Err(Fast::Declined);
            }
        }
    }
}

struct Table {
    entries: Vec<Entry>,
    /// (hash, type) of every record field, strictly increasing by hash within a record.
    fields: Vec<(u32, i64)>,
}

impl Table {
    fn read(r: &mut Reader) -> R<Table> {
        let count = r.leb_u64()?;
        if count > MAX_TYPES {
            return Err(Fast::Declined);
        }
        let count = count as usize;
        // Every reference is checked as it is read: the table's length is known up front.
        let reference = |r: &mut Reader| -> R<i64> {
            let t = r.sleb()?;
            if valid_ref(t, count) { Ok(t) } else { Err(Fast::Declined) }
        };
        let mut table = Table { entries: Vec::with_capacity(count), fields: Vec::with_capacity(16) };
        for _ in 0..count {
            r.step()?;
            let entry = match r.sleb()? {
                OPT => Entry::Opt(reference(r)?),
                VEC => Entry::Vec(reference(r)?),
                RECORD => {
                    let n = r.leb_u64()?;
                    if n > MAX_FIELDS {
                        return Err(Fast::Declined);
                    }
                    let start = table.fields.len();
                    let mut previous: Option<u32> = None;
                    for _ in 0..n {
                        r.step()?;
                        let hash = u32::try_from(r.leb_u64()?).map_err(|_| Fast::Declined)?;
                        // Duplicate or unsorted fields: the candid crate rejects the message.
                        if previous.is_some_and(|p| hash <= p) {
                            return Err(Fast::Declined);
                        }
                        previous = Some(hash);
                        table.fields.push((hash, reference(r)?));
                    }
                    Entry::Record { start, len: n as usize }
                }
                _ => return Err(Fast::Declined),
            };
            table.entries.push(entry);
        }
        Ok(table)
    }


    fn entry(&self, t: i64) -> Option<Entry> {
        usize::try_from(t).ok().and_then(|i| self.entries.get(i).copied())
    }

    /// Whether wire type `t` is exactly `shape` (a record may leave out optional fields).
    fn matches(&self, t: i64, shape: Shape) -> bool {
        match shape {
            Shape::Nat => t == NAT,
            Shape::Nat64 => t == NAT64,
            Shape::Principal => t == PRINCIPAL,
            Shape::Blob => matches!(self.entry(t), Some(Entry::Vec(NAT8))),
            Shape::Opt(inner) => matches!(self.entry(t), Some(Entry::Opt(i)) if self.matches(i, *inner)),
            Shape::Record(expected) => {
                let Some(Entry::Record { start, len }) = self.entry(t) else { return false };
                let wire = &self.fields[start..start + len];
                let mut w = 0;
                for f in expected {
                    match wire.get(w) {
                        Some(&(hash, ft)) if hash == f.hash => {
                            if !self.matches(ft, f.shape) {
                                return false;
                            }
                            w += 1;
                        }
                        _ if matches!(f.shape, Shape::Opt(_)) => {}
                        _ => return false,
                    }
                }
                // Fields the shape does not have: not the exact type.
                w == wire.len()
            }
        }
    }
}

struct Decoder<'a> {
    r: Reader<'a>,
    table: Table,
}

impl<'a> Decoder<'a> {
    /// Reads a value of wire type `t`, already known to match `shape`.
    fn value(&mut self, t: i64, shape: Shape) -> R<V<'a>> {
        self.r.step()?;
        Ok(match shape {
            Shape::Nat => V::Nat(self.r.leb()?),
            Shape::Nat64 => V::Nat64(u64::from_le_bytes(self.r.take(8)?.try_into().map_err(|_| Fast::Declined)?)),
            Shape::Principal => {
                // Flag 1 = a principal id; 0 (an opaque reference) and long ids: the candid crate decides.
                if self.r.byte()? != 1 {
                    return Err(Fast::Declined);
                }
                let len = self.r.leb_u64()? as usize;
                if len > MAX_PRINCIPAL_LEN {
                    return Err(Fast::Declined);
                }
                V::Principal(self.r.take(len)?)
            }
            Shape::Blob => {
                let len = usize::try_from(self.r.leb_u64()?).map_err(|_| Fast::Declined)?;
                V::Blob(self.r.take(len)?)
            }
            Shape::Opt(inner) => match self.r.byte()? {
                0 => V::Opt(None),
                1 => {
                    let Some(Entry::Opt(inner_t)) = self.table.entry(t) else { return Err(Fast::Declined) };
                    V::Opt(Some(Box::new(self.value(inner_t, *inner)?)))
                }
                _ => return Err(Fast::Declined),
            },
            Shape::Record(expected) => {
                let Some(Entry::Record { start, len }) = self.table.entry(t) else { return Err(Fast::Declined) };
                let mut out: Vec<Option<V<'a>>> = expected.iter().map(|_| None).collect();
                let mut slot = 0;
                for i in start..start + len {
                    let (hash, ft) = self.table.fields[i];
                    while expected[slot].hash != hash {
                        slot += 1;
                    }
                    out[slot] = Some(self.value(ft, expected[slot].shape)?);
                }
                V::Record(out)
            }
        })
    }
}

/// The argument's value if the message is exactly one value of type `shape` and nothing else.
fn decode_single(bytes: &[u8], shape: Shape) -> R<V<'_>> {
    let mut r = Reader::new(bytes);
    if r.take(4)? != b"DIDL" {
        return Err(Fast::Declined);
    }
    let table = Table::read(&mut r)?;
    if r.leb_u64()? != 1 {
        return Err(Fast::Declined);
    }
    let arg_type = r.sleb()?;
    if !valid_ref(arg_type, table.entries.len()) || !table.matches(arg_type, shape) {
        return Err(Fast::Declined);
    }
    let mut d = Decoder { r, table };
    let value = d.value(arg_type, shape)?;
    if d.r.pos != bytes.len() {
        return Err(Fast::Declined);
    }
    Ok(value)
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

/// The fields of a decoded record, read by their index in the shape (`at!`).
struct Fields<'v, 'a> {
    values: &'v [Option<V<'a>>],
}

impl<'v, 'a> Fields<'v, 'a> {
    fn of(v: &'v V<'a>) -> R<Self> {
        match v {
            V::Record(values) => Ok(Fields { values }),
            _ => Err(Fast::Declined),
        }
    }
    fn get(&self, i: usize) -> Option<&'v V<'a>> {
        self.values.get(i)?.as_ref()
    }
    fn required(&self, i: usize) -> R<&'v V<'a>> {
        self.get(i).ok_or(Fast::Declined)
    }
    /// An `opt` field: absent or `null` is `None`.
    fn opt<T>(&self, i: usize, read: impl Fn(&V<'a>) -> R<T>) -> R<Option<T>> {
        match self.get(i) {
            None | Some(V::Opt(None)) => Ok(None),
            Some(V::Opt(Some(v))) => read(v).map(Some),
            Some(_) => Err(Fast::Declined),
        }
    }
}

fn nat(v: &V) -> R<Nat> {
    match v {
        V::Nat(n) => Ok(Nat::from(*n)),
        _ => Err(Fast::Declined),
    }
}
fn nat64(v: &V) -> R<u64> {
    match v {
        V::Nat64(n) => Ok(*n),
        _ => Err(Fast::Declined),
    }
}
fn blob(v: &V) -> R<ByteBuf> {
    match v {
        V::Blob(b) => Ok(ByteBuf::from(b.to_vec())),
        _ => Err(Fast::Declined),
    }
}
fn subaccount(v: &V) -> R<Subaccount> {
    match v {
        V::Blob(b) => Subaccount::try_from(*b).map_err(|_| Fast::Invalid(subaccount_length_error(b.len()))),
        _ => Err(Fast::Declined),
    }
}
fn account(v: &V) -> R<Account> {
    let f = Fields::of(v)?;
    let owner = match f.required(at!(ACCOUNT_FIELDS, "owner"))? {
        V::Principal(p) => Principal::from_slice(p),
        _ => return Err(Fast::Declined),
    };
    Ok(Account { owner, subaccount: f.opt(at!(ACCOUNT_FIELDS, "subaccount"), subaccount)? })
}

/// The argument of `icrc1_balance_of`.
pub fn account_arg(bytes: &[u8]) -> R<Account> {
    account(&decode_single(bytes, ACCOUNT)?)
}

// Fields are converted in the order of their hashes, the order in which they are on the wire and in
// which the candid crate decodes them: when two fields are invalid (two subaccounts of 33 bytes), both
// decoders report the same one.

pub fn transfer_arg(bytes: &[u8]) -> R<TransferArg> {
    let v = decode_single(bytes, TRANSFER_ARG)?;
    let f = Fields::of(&v)?;
    const F: &[Field] = TRANSFER_FIELDS;
    let to = account(f.required(at!(F, "to"))?)?;
    let fee = f.opt(at!(F, "fee"), nat)?;
    let memo = f.opt(at!(F, "memo"), blob)?;
    let from_subaccount = f.opt(at!(F, "from_subaccount"), subaccount)?;
    let created_at_time = f.opt(at!(F, "created_at_time"), nat64)?;
    let amount = nat(f.required(at!(F, "amount"))?)?;
    Ok(TransferArg { from_subaccount, to, amount, fee, memo, created_at_time })
}

pub fn approve_args(bytes: &[u8]) -> R<ApproveArgs> {
    let v = decode_single(bytes, APPROVE_ARGS)?;
    let f = Fields::of(&v)?;
    const F: &[Field] = APPROVE_FIELDS;
    let fee = f.opt(at!(F, "fee"), nat)?;
    let memo = f.opt(at!(F, "memo"), blob)?;
    let from_subaccount = f.opt(at!(F, "from_subaccount"), subaccount)?;
    let created_at_time = f.opt(at!(F, "created_at_time"), nat64)?;
    let amount = nat(f.required(at!(F, "amount"))?)?;
    let expected_allowance = f.opt(at!(F, "expected_allowance"), nat)?;
    let expires_at = f.opt(at!(F, "expires_at"), nat64)?;
    let spender = account(f.required(at!(F, "spender"))?)?;
    Ok(ApproveArgs { from_subaccount, spender, amount, expected_allowance, expires_at, fee, memo, created_at_time })
}

pub fn transfer_from_args(bytes: &[u8]) -> R<TransferFromArgs> {
    let v = decode_single(bytes, TRANSFER_FROM_ARGS)?;
    let f = Fields::of(&v)?;
    const F: &[Field] = TRANSFER_FROM_FIELDS;
    let to = account(f.required(at!(F, "to"))?)?;
    let fee = f.opt(at!(F, "fee"), nat)?;
    let spender_subaccount = f.opt(at!(F, "spender_subaccount"), subaccount)?;
    let from = account(f.required(at!(F, "from"))?)?;
    let memo = f.opt(at!(F, "memo"), blob)?;
    let created_at_time = f.opt(at!(F, "created_at_time"), nat64)?;
    let amount = nat(f.required(at!(F, "amount"))?)?;
    Ok(TransferFromArgs { spender_subaccount, from, to, amount, fee, memo, created_at_time })
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
    fn shapes_list_fields_in_candid_order() {
        for shape in [ACCOUNT, TRANSFER_ARG, APPROVE_ARGS, TRANSFER_FROM_ARGS] {
            let Shape::Record(fields) = shape else { panic!("a record") };
            assert!(fields.windows(2).all(|w| w[0].hash < w[1].hash), "{:?}", fields.iter().map(|f| f.name).collect::<Vec<_>>());
        }
    }

    #[test]
    fn matches_the_candid_crate_on_typical_encodings() {
        for t in transfers() {
            assert_eq!(transfer_arg(&Encode!(&t).unwrap()), Ok(t));
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
        assert_eq!(approve_args(&Encode!(&a).unwrap()), Ok(a));
        let tf = TransferFromArgs {
            spender_subaccount: Some([1; 32]),
            from: acc(5, None),
            to: acc(6, Some([2; 32])),
            amount: Nat::from(8u8),
            fee: Some(Nat::from(1u8)),
            memo: None,
            created_at_time: None,
        };
        assert_eq!(transfer_from_args(&Encode!(&tf).unwrap()), Ok(tf));
        for a in [acc(7, None), acc(8, Some([4; 32]))] {
            assert_eq!(account_arg(&Encode!(&a).unwrap()), Ok(a));
        }
        assert_eq!(account_arg(&Encode!(&transfers()[0]).unwrap()), Err(Fast::Declined), "not an account");
    }

    #[derive(CandidType)]
    struct Minimal {
        to: Account,
        amount: Nat,
    }

    #[derive(CandidType)]
    struct WithExtra {
        to: Account,
        amount: Nat,
        extra: Vec<String>,
    }

    #[test]
    fn reads_left_out_options_and_declines_anything_else() {
        let m = Minimal { to: acc(1, None), amount: Nat::from(1u8) };
        let t = transfer_arg(&Encode!(&m).unwrap()).unwrap();
        assert_eq!((t.fee, t.memo, t.created_at_time), (None, None, None));
        // An extra field, a too-big nat, two arguments, garbage, a truncated message: the candid crate decides.
        let extra = WithExtra { to: acc(1, None), amount: Nat::from(1u8), extra: vec!["x".into()] };
        assert_eq!(transfer_arg(&Encode!(&extra).unwrap()), Err(Fast::Declined));
        let mut big = transfers()[0].clone();
        big.amount = Nat::from(u128::MAX) + Nat::from(1u8);
        assert_eq!(transfer_arg(&Encode!(&big).unwrap()), Err(Fast::Declined));
        assert_eq!(transfer_arg(&Encode!(&transfers()[0], &1u8).unwrap()), Err(Fast::Declined));
        assert_eq!(transfer_arg(b"DIDL\x00\x01\x71\x00"), Err(Fast::Declined));
        assert_eq!(transfer_arg(b"nonsense"), Err(Fast::Declined));
        let mut truncated = Encode!(&transfers()[1]).unwrap();
        truncated.pop();
        assert_eq!(transfer_arg(&truncated), Err(Fast::Declined));
    }

    #[test]
    fn subaccounts_of_another_length_are_invalid() {
        #[derive(CandidType)]
        struct RawAccount {
            owner: Principal,
            subaccount: Option<Vec<u8>>,
        }
        #[derive(CandidType)]
        struct RawTransfer {
            to: RawAccount,
            amount: Nat,
            from_subaccount: Option<Vec<u8>>,
        }
        for len in [0usize, 31, 33, 64] {
            let to = RawAccount { owner: Principal::from_slice(&[1; 29]), subaccount: Some(vec![7; len]) };
            let expected = Some(Fast::Invalid(subaccount_length_error(len)));
            assert_eq!(account_arg(&Encode!(&to).unwrap()).err(), expected);
            let t = RawTransfer { to, amount: Nat::from(1u8), from_subaccount: None };
            assert_eq!(transfer_arg(&Encode!(&t).unwrap()).err(), expected);
            let t = RawTransfer {
                to: RawAccount { owner: Principal::from_slice(&[1; 29]), subaccount: None },
                amount: Nat::from(1u8),
                from_subaccount: Some(vec![7; len]),
            };
            assert_eq!(transfer_arg(&Encode!(&t).unwrap()).err(), expected);
        }
    }

    /// The message of `minimal_transfer`: a type table (0: record { to: 1; amount: nat }, 1: record {
    /// owner: principal }) then the value.
    fn hand_encoded(table: &[u8], value: &[u8]) -> Vec<u8> {
        [b"DIDL".as_slice(), table, value].concat()
    }

    #[test]
    fn declines_duplicate_unsorted_and_out_of_range_types() {
        let to = idl_leb(idl_hash("to") as u64);
        let amount = idl_leb(idl_hash("amount") as u64);
        let owner = idl_leb(idl_hash("owner") as u64);
        let value = [&[1u8, 1, 0x7f][..], &[5]].concat(); // owner = principal 0x7f, amount = 5
        let account_type = [&[0x6c, 1][..], &owner, &[0x68]].concat();
        let good = [&[2u8, 0x6c, 2][..], &to, &[1], &amount, &[0x7d], &account_type, &[1, 0]].concat();
        let expected = TransferArg {
            from_subaccount: None,
            to: Account::of(Principal::from_slice(&[0x7f])),
            amount: Nat::from(5u8),
            fee: None,
            memo: None,
            created_at_time: None,
        };
        assert_eq!(transfer_arg(&hand_encoded(&good, &value)), Ok(expected));
        // Fields out of order.
        let unsorted = [&[2u8, 0x6c, 2][..], &amount, &[0x7d], &to, &[1], &account_type, &[1, 0]].concat();
        assert_eq!(transfer_arg(&hand_encoded(&unsorted, &value)), Err(Fast::Declined));
        // "to" twice.
        let duplicate = [&[2u8, 0x6c, 3][..], &to, &[1], &to, &[1], &amount, &[0x7d], &account_type, &[1, 0]].concat();
        let dup_value = [&[1u8, 1, 0x7f][..], &[1, 1, 0x7e], &[5]].concat();
        assert_eq!(transfer_arg(&hand_encoded(&duplicate, &dup_value)), Err(Fast::Declined));
        // "to" refers to type 2 of a two-entry table; an unused entry refers to type 9.
        let out_of_range = [&[2u8, 0x6c, 2][..], &to, &[2], &amount, &[0x7d], &account_type, &[1, 0]].concat();
        assert_eq!(transfer_arg(&hand_encoded(&out_of_range, &value)), Err(Fast::Declined));
        let unused_bad = [&[3u8, 0x6c, 2][..], &to, &[1], &amount, &[0x7d], &account_type, &[0x6e, 9], &[1, 0]].concat();
        assert_eq!(transfer_arg(&hand_encoded(&unused_bad, &value)), Err(Fast::Declined));
        // The argument type index itself out of range.
        let bad_arg = [&good[..good.len() - 1], &[5]].concat();
        assert_eq!(transfer_arg(&hand_encoded(&bad_arg, &value)), Err(Fast::Declined));
    }

    fn idl_leb(mut n: u64) -> Vec<u8> {
        let mut out = vec![];
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                return out;
            }
            out.push(b | 0x80);
        }
    }

    #[test]
    fn zero_sized_extra_fields_are_declined_before_any_value_is_read() {
        // record { to; amount; extra: vec vec record {} } with a large outer vector: declined by type.
        let to = idl_leb(idl_hash("to") as u64);
        let amount = idl_leb(idl_hash("amount") as u64);
        let owner = idl_leb(idl_hash("owner") as u64);
        let extra = idl_leb(idl_hash("zzz") as u64);
        let table = [
            &[5u8, 0x6c, 3][..], &to, &[1], &extra, &[2], &amount, &[0x7d],
            &[0x6c, 1], &owner, &[0x68],
            &[0x6d, 3], &[0x6d, 4], &[0x6c, 0],
            &[1, 0],
        ]
        .concat();
        let mut value = vec![1u8, 1, 0x7f];
        value.extend(idl_leb(100_000));
        value.extend(std::iter::repeat(0xff).take(100_000).flat_map(|_| idl_leb(1_000_000)));
        let msg = hand_encoded(&table, &value);
        assert_eq!(transfer_arg(&msg), Err(Fast::Declined));
    }

    #[test]
    fn leb_u64_reads_the_whole_range_and_rejects_overflow() {
        for n in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut buf = Vec::new();
            candid::Nat::from(n).encode(&mut buf).unwrap();
            assert_eq!(Reader::new(&buf).leb_u64(), Ok(n));
        }
        let mut too_big = Vec::new();
        candid::Nat::from(u64::MAX as u128 + 1).encode(&mut too_big).unwrap();
        assert_eq!(Reader::new(&too_big).leb_u64(), Err(Fast::Declined));
        assert_eq!(Reader::new(&[0x80, 0x80]).leb_u64(), Err(Fast::Declined), "truncated");
    }

    #[test]
    fn idl_hash_matches_candid() {
        assert_eq!(idl_hash("Ok"), candid::idl_hash("Ok"));
        assert_eq!(idl_hash("created_at_time"), candid::idl_hash("created_at_time"));
    }
}
