//! Differential test of the fast decoder against the candid crate (the authority): on random arguments
//! of the four hot methods, encoded with random type tables (fields left out, added, retyped, reordered,
//! duplicated; indices out of range) and then mutated byte by byte, the fast decoder never accepts what
//! the candid crate rejects, never reads another value, and refuses exactly where the candid crate
//! refuses a subaccount. A fixed number of cases, so it runs in CI in a few seconds.

use candid::{Encode, Nat, Principal};
use icto_shared::token::{Account, ApproveArgs, TransferArg, TransferFromArgs};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_bytes::ByteBuf;
use std::cell::Cell;
use std::fmt::Debug;
use token::wire::fast_decode::{self, Fast};
use token::wire::hot_args::{self, HotArg};
use token::wire::args;

mod candid_writer;
use candid_writer::{leb, message, Ty, Val};

// ---------- random arguments in the shape of the hot methods' arguments ----------

const NAT: i64 = -3;
const NAT8: i64 = -5;
const NAT64: i64 = -8;
const TEXT: i64 = -15;
const PRINCIPAL: i64 = -24;

fn h(name: &str) -> u32 {
    candid::idl_hash(name)
}

/// A field's type and value, possibly of a type other than the expected one.
type FieldGen = BoxedStrategy<(Ty, Val)>;

fn nat_value() -> BoxedStrategy<Vec<u8>> {
    fn encode(n: u128) -> Vec<u8> {
        let mut b = vec![];
        leb(n, &mut b);
        b
    }
    prop_oneof![
        12 => any::<u64>().prop_map(|n| encode(n as u128)),
        4 => any::<u128>().prop_map(encode),
        1 => Just(encode(u128::MAX)),
        // Numbers above 128 bits, and an overlong encoding of a small one.
        1 => prop::collection::vec(0x80u8..=0xff, 17..22).prop_map(|mut b| {
            b.push(0x01);
            b
        }),
        1 => Just(vec![0x85, 0x00]),
    ]
    .boxed()
}

fn nat_field() -> FieldGen {
    prop_oneof![
        20 => nat_value().prop_map(|b| (Ty::Prim(NAT), Val::Nat(b))),
        1 => any::<u64>().prop_map(|n| (Ty::Prim(NAT64), Val::Nat64(n))),
    ]
    .boxed()
}

fn blob_ty() -> Ty {
    Ty::Vec(Box::new(Ty::Prim(NAT8)))
}

fn subaccount_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![20 => prop::collection::vec(any::<u8>(), 32..=32), 1 => prop::collection::vec(any::<u8>(), 0..40)]
}

/// `opt inner` with a value or null; sometimes plain `null` typed, or the inner type without `opt`.
fn opt_field(inner: impl Strategy<Value = (Ty, Val)> + 'static) -> FieldGen {
    let inner = inner.boxed();
    prop_oneof![
        16 => inner.clone().prop_map(|(t, v)| (Ty::Opt(Box::new(t)), Val::Some(Box::new(v)))),
        8 => inner.clone().prop_map(|(t, _)| (Ty::Opt(Box::new(t)), Val::None)),
        1 => Just((Ty::Prim(-1), Val::None)),
        1 => inner,
    ]
    .boxed()
}

fn subaccount_field() -> FieldGen {
    opt_field(subaccount_bytes().prop_map(|b| (blob_ty(), Val::Blob(b))))
}

fn principal_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![20 => prop::collection::vec(any::<u8>(), 0..=29), 1 => prop::collection::vec(any::<u8>(), 30..32)]
}

fn account_field() -> FieldGen {
    record(vec![
        ("owner", principal_value().prop_map(|p| (Ty::Prim(PRINCIPAL), Val::Principal(p))).boxed(), false),
        ("subaccount", subaccount_field(), true),
    ])
}

fn memo_field() -> FieldGen {
    opt_field(prop_oneof![
        20 => prop::collection::vec(any::<u8>(), 0..40).prop_map(|b| (blob_ty(), Val::Blob(b))),
        1 => "[a-z]{0,8}".prop_map(|t| (Ty::Prim(TEXT), Val::Text(t))),
    ])
}

fn nat64_field() -> FieldGen {
    opt_field(prop_oneof![
        20 => any::<u64>().prop_map(|n| (Ty::Prim(NAT64), Val::Nat64(n))),
        1 => nat_value().prop_map(|b| (Ty::Prim(NAT), Val::Nat(b))),
    ])
}

fn extra_field() -> FieldGen {
    prop_oneof![
        "[a-z]{0,6}".prop_map(|t| (Ty::Prim(TEXT), Val::Text(t))),
        nat_value().prop_map(|b| (Ty::Prim(NAT), Val::Nat(b))),
        (0usize..6).prop_map(|n| {
            let empty = Ty::Record(vec![]);
            (Ty::Vec(Box::new(Ty::Vec(Box::new(empty)))), Val::Vec(vec![Val::Vec(vec![Val::Record(vec![]); n]); n]))
        }),
    ]
    .boxed()
}

/// How the record's fields are written: sorted (as every encoder does), or not, or with a duplicate.
#[derive(Clone, Copy, Debug)]
enum Layout {
    Sorted,
    Shuffled(u64),
    Duplicated(usize),
}

/// A record of named fields; `optional` fields may be left out, and an unknown field may be added.
fn record(fields: Vec<(&'static str, FieldGen, bool)>) -> FieldGen {
    let n = fields.len();
    let gens: Vec<BoxedStrategy<Option<(u32, Ty, Val)>>> = fields
        .into_iter()
        .map(|(name, g, optional)| {
            let present = g.clone().prop_map(move |(t, v)| Some((h(name), t, v)));
            if optional {
                prop_oneof![5 => present, 1 => Just(None)].boxed()
            } else {
                prop_oneof![40 => present, 1 => Just(None)].boxed()
            }
        })
        .collect();
    let extra = prop_oneof![20 => Just(None), 1 => ("[a-z]{1,4}", extra_field()).prop_map(|(n, f)| Some((n, f)))];
    let layout = prop_oneof![
        30 => Just(Layout::Sorted),
        1 => any::<u64>().prop_map(Layout::Shuffled),
        1 => (0..n).prop_map(Layout::Duplicated),
    ];
    (gens, extra, layout)
        .prop_map(|(fields, extra, layout)| {
            let mut fields: Vec<(u32, Ty, Val)> = fields.into_iter().flatten().collect();
            if let Some((name, (t, v))) = extra {
                fields.push((h(&format!("x_{name}")), t, v));
            }
            fields.sort_by_key(|f| f.0);
            match layout {
                Layout::Sorted => {}
                Layout::Shuffled(seed) => {
                    let len = fields.len();
                    for i in 0..len {
                        fields.swap(i, (seed as usize).wrapping_mul(31).wrapping_add(i * 7) % len.max(1));
                    }
                }
                Layout::Duplicated(i) => {
                    if let Some(f) = fields.get(i % fields.len().max(1)).cloned() {
                        fields.insert(i % fields.len(), f);
                    }
                }
            }
            let ty = Ty::Record(fields.iter().map(|(h, t, _)| (*h, t.clone())).collect());
            (ty, Val::Record(fields.into_iter().map(|(_, _, v)| v).collect()))
        })
        .boxed()
}

fn transfer_arg() -> FieldGen {
    record(vec![
        ("from_subaccount", subaccount_field(), true),
        ("to", account_field(), false),
        ("amount", nat_field(), false),
        ("fee", opt_field(nat_field()), true),
        ("memo", memo_field(), true),
        ("created_at_time", nat64_field(), true),
    ])
}

fn approve_args() -> FieldGen {
    record(vec![
        ("from_subaccount", subaccount_field(), true),
        ("spender", account_field(), false),
        ("amount", nat_field(), false),
        ("expected_allowance", opt_field(nat_field()), true),
        ("expires_at", nat64_field(), true),
        ("fee", opt_field(nat_field()), true),
        ("memo", memo_field(), true),
        ("created_at_time", nat64_field(), true),
    ])
}

fn transfer_from_args() -> FieldGen {
    record(vec![
        ("spender_subaccount", subaccount_field(), true),
        ("from", account_field(), false),
        ("to", account_field(), false),
        ("amount", nat_field(), false),
        ("fee", opt_field(nat_field()), true),
        ("memo", memo_field(), true),
        ("created_at_time", nat64_field(), true),
    ])
}

/// Table entries nobody uses, some referring to entries that do not exist.
fn unused_entries() -> impl Strategy<Value = Vec<Ty>> {
    prop::collection::vec(
        prop_oneof![
            12 => Just(Ty::Opt(Box::new(Ty::Prim(NAT)))),
            1 => (0i64..80).prop_map(|i| Ty::Opt(Box::new(Ty::Index(i)))),
            1 => (-30i64..0).prop_map(|i| Ty::Vec(Box::new(Ty::Index(i)))),
            1 => Just(Ty::Record(vec![(h("b"), Ty::Prim(NAT)), (h("a"), Ty::Prim(NAT))])),
        ],
        0..2,
    )
}

/// Byte-level changes: flip, insert, delete, truncate.
#[derive(Clone, Debug)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}

fn mutate(bytes: &mut Vec<u8>, mutations: &[Mutation]) {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Set(i, b) => {
                if let Some(x) = bytes.get_mut(i % len) {
                    *x = b;
                }
            }
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Delete(i) => {
                if !bytes.is_empty() {
                    bytes.remove(i % len);
                }
            }
            Mutation::Truncate(i) => bytes.truncate(i % len),
        }
    }
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => any::<usize>().prop_map(Mutation::Delete),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ];
    prop_oneof![3 => Just(vec![]), 1 => prop::collection::vec(one, 1..4)]
}

// ---------- the property ----------

#[derive(Default)]
struct Tally {
    fast_accepted: Cell<u32>,
    fast_invalid: Cell<u32>,
    declined: Cell<u32>,
}

/// The fast decoder agrees with the candid crate: what it accepts, candid accepts with the same value;
/// what it finds invalid, candid rejects. A declined message goes to candid (`hot_args::decode`).
fn agree<T: HotArg + PartialEq + Debug>(bytes: &[u8], tally: &Tally) -> Result<(), TestCaseError> {
    let authority = args::decode_one::<T>(bytes);
    match T::fast(bytes) {
        Ok(v) => {
            tally.fast_accepted.set(tally.fast_accepted.get() + 1);
            prop_assert_eq!(Ok(&v), authority.as_ref(), "fast accepted {}", hex::encode(bytes));
        }
        Err(Fast::Invalid(reason)) => {
            tally.fast_invalid.set(tally.fast_invalid.get() + 1);
            prop_assert!(authority.is_err(), "fast refused ({reason}) what candid accepts: {}", hex::encode(bytes));
            prop_assert!(authority.as_ref().unwrap_err().contains(&reason), "{authority:?} vs {reason}");
        }
        Err(Fast::Declined) => tally.declined.set(tally.declined.get() + 1),
    }
    // The decoder the endpoints use accepts and rejects exactly as candid does.
    let combined = hot_args::decode::<T>(bytes);
    prop_assert_eq!(combined.is_ok(), authority.is_ok(), "{}", hex::encode(bytes));
    if let (Ok(a), Ok(b)) = (&combined, &authority) {
        prop_assert_eq!(a, b);
    }
    Ok(())
}

fn check_all(bytes: &[u8], tally: &Tally) -> Result<(), TestCaseError> {
    agree::<TransferArg>(bytes, tally)?;
    agree::<ApproveArgs>(bytes, tally)?;
    agree::<TransferFromArgs>(bytes, tally)?;
    agree::<Account>(bytes, tally)
}

const CASES: u32 = 2_500;

fn runner() -> TestRunner {
    TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() })
}

#[test]
fn fast_decoder_agrees_with_candid_on_random_and_mutated_arguments() {
    let tally = Tally::default();
    let arg = prop_oneof![transfer_arg(), approve_args(), transfer_from_args(), account_field()];
    runner()
        .run(&(arg, unused_entries(), mutations()), |((ty, val), unused, muts)| {
            let mut bytes = message(&ty, &val, &unused);
            mutate(&mut bytes, &muts);
            check_all(&bytes, &tally)
        })
        .unwrap();
    // Not vacuous: the fast path took a good share of the messages, and refused bad subaccounts itself.
    let (accepted, invalid, declined) = (tally.fast_accepted.get(), tally.fast_invalid.get(), tally.declined.get());
    println!("fast decoder: {accepted} accepted, {invalid} invalid subaccounts, {declined} declined");
    assert!(accepted > CASES / 5, "{accepted}");
    assert!(invalid > 10, "{invalid}");
}

fn account() -> impl Strategy<Value = Account> {
    (prop::collection::vec(any::<u8>(), 0..=29), prop::option::of(any::<[u8; 32]>()))
        .prop_map(|(p, subaccount)| Account { owner: Principal::from_slice(&p), subaccount })
}

fn opt_nat() -> impl Strategy<Value = Option<Nat>> {
    prop::option::of(any::<u128>().prop_map(Nat::from))
}

fn memo() -> impl Strategy<Value = Option<ByteBuf>> {
    prop::option::of(prop::collection::vec(any::<u8>(), 0..64).prop_map(ByteBuf::from))
}

/// Arguments as the candid crate encodes them (what Rust clients send): the fast decoder reads every
/// one, with the value that was encoded.
#[test]
fn fast_decoder_reads_every_candid_encoded_argument() {
    let transfer = (prop::option::of(any::<[u8; 32]>()), account(), any::<u128>(), opt_nat(), memo(), any::<Option<u64>>())
        .prop_map(|(from_subaccount, to, amount, fee, memo, created_at_time)| TransferArg {
            from_subaccount,
            to,
            amount: Nat::from(amount),
            fee,
            memo,
            created_at_time,
        });
    runner()
        .run(&(transfer, account(), opt_nat(), any::<Option<u64>>()), |(t, other, expected, expires)| {
            prop_assert_eq!(fast_decode::transfer_arg(&Encode!(&t).unwrap()), Ok(t.clone()));
            prop_assert_eq!(fast_decode::account_arg(&Encode!(&other).unwrap()), Ok(other.clone()));
            let a = ApproveArgs {
                from_subaccount: t.from_subaccount,
                spender: other.clone(),
                amount: t.amount.clone(),
                expected_allowance: expected,
                expires_at: expires,
                fee: t.fee.clone(),
                memo: t.memo.clone(),
                created_at_time: t.created_at_time,
            };
            prop_assert_eq!(fast_decode::approve_args(&Encode!(&a).unwrap()), Ok(a));
            let tf = TransferFromArgs {
                spender_subaccount: t.from_subaccount,
                from: other,
                to: t.to,
                amount: t.amount,
                fee: t.fee,
                memo: t.memo,
                created_at_time: t.created_at_time,
            };
            prop_assert_eq!(fast_decode::transfer_from_args(&Encode!(&tf).unwrap()), Ok(tf));
            Ok(())
        })
        .unwrap();
}
