//! Subaccounts are 32 bytes. Any other length is refused with a clear message in every endpoint that
//! takes one, through both decoders (the fast path for the exact argument type, the candid crate when
//! an extra field makes the fast decoder decline), by inspection and without it. Before the fix a
//! 33-byte subaccount was read as its first 32 bytes, the 33rd shifting into the next field, and a
//! 31-byte one trapped.

mod candid_writer;
mod common;
mod uninspected;

use candid::Nat;
use candid_writer::{message, Ty, Val};
use common::*;
use icto_shared::token::*;

const NAT: i64 = -3;
const NAT8: i64 = -5;
const TEXT: i64 = -15;
const PRINCIPAL: i64 = -24;
const LENGTHS: [usize; 4] = [0, 31, 33, 64];

fn h(name: &str) -> u32 {
    candid::idl_hash(name)
}

fn opt_blob(bytes: Option<Vec<u8>>) -> (Ty, Val) {
    let ty = Ty::Opt(Box::new(Ty::Vec(Box::new(Ty::Prim(NAT8)))));
    (ty, bytes.map_or(Val::None, |b| Val::Some(Box::new(Val::Blob(b)))))
}

fn account(owner: u64, sub: Option<Vec<u8>>) -> (Ty, Val) {
    let (st, sv) = opt_blob(sub);
    (
        Ty::Record(vec![(h("owner"), Ty::Prim(PRINCIPAL)), (h("subaccount"), st)]),
        Val::Record(vec![Val::Principal(principal(owner).as_slice().to_vec()), sv]),
    )
}

/// A record argument from named fields, with an extra text field when `extra` (the fast decoder then
/// declines and the candid crate decodes).
fn record(mut fields: Vec<(&str, (Ty, Val))>, extra: bool) -> Vec<u8> {
    if extra {
        fields.push(("zz_extra", (Ty::Prim(TEXT), Val::Text("x".into()))));
    }
    let mut fields: Vec<(u32, Ty, Val)> = fields.into_iter().map(|(n, (t, v))| (h(n), t, v)).collect();
    fields.sort_by_key(|f| f.0);
    let ty = Ty::Record(fields.iter().map(|(h, t, _)| (*h, t.clone())).collect());
    message(&ty, &Val::Record(fields.into_iter().map(|(_, _, v)| v).collect()), &[])
}

fn amount() -> (Ty, Val) {
    (Ty::Prim(NAT), Val::Nat(vec![5]))
}

/// (method, argument) pairs, each with one subaccount of `len` bytes in one position.
fn arguments(len: usize, extra: bool) -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let bad = || Some(vec![9u8; len]);
    vec![
        ("icrc1_transfer", "from_subaccount", record(vec![("to", account(2, None)), ("amount", amount()), ("from_subaccount", opt_blob(bad()))], extra)),
        ("icrc1_transfer", "to.subaccount", record(vec![("to", account(2, bad())), ("amount", amount())], extra)),
        ("icrc2_approve", "from_subaccount", record(vec![("spender", account(2, None)), ("amount", amount()), ("from_subaccount", opt_blob(bad()))], extra)),
        ("icrc2_approve", "spender.subaccount", record(vec![("spender", account(2, bad())), ("amount", amount())], extra)),
        (
            "icrc2_transfer_from",
            "spender_subaccount",
            record(vec![("from", account(1, None)), ("to", account(2, None)), ("amount", amount()), ("spender_subaccount", opt_blob(bad()))], extra),
        ),
        ("icrc2_transfer_from", "from.subaccount", record(vec![("from", account(1, bad())), ("to", account(2, None)), ("amount", amount())], extra)),
        ("icrc2_transfer_from", "to.subaccount", record(vec![("from", account(1, None)), ("to", account(2, bad())), ("amount", amount())], extra)),
        ("icrc1_balance_of", "subaccount", record(vec![("owner", (Ty::Prim(PRINCIPAL), Val::Principal(principal(1).as_slice().to_vec()))), ("subaccount", opt_blob(bad()))], extra)),
        ("icrc2_allowance", "account.subaccount", record(vec![("account", account(1, bad())), ("spender", account(2, None))], extra)),
        ("icrc2_allowance", "spender.subaccount", record(vec![("account", account(1, None)), ("spender", account(2, bad()))], extra)),
    ]
}

fn expected(len: usize) -> String {
    format!("a subaccount must be 32 bytes, this one has {len}")
}

#[test]
fn other_lengths_are_refused_by_every_endpoint_and_both_decoders() {
    let ledger = Ledger::deploy(init_args(vec![(account_of(1), Nat::from(1_000_000u64))]));
    let blocks = ledger.all_blocks().len();
    for len in LENGTHS {
        for extra in [false, true] {
            for (method, position, arg) in arguments(len, extra) {
                let what = format!("{method} {position} of {len} bytes (extra field: {extra})");
                // Ingress: refused by inspection.
                let e = ledger.devnet.update_call(ledger.id, principal(1), method, arg.clone()).unwrap_err();
                assert!(e.message.contains(&expected(len)), "{what}: {e:?}");
                // Another canister's call: refused by the method.
                let refusal = if method == "icrc1_balance_of" || method == "icrc2_allowance" {
                    ledger.devnet.query_call(ledger.id, principal(1), method, arg).unwrap_err().message
                } else {
                    uninspected::update(&ledger.devnet, ledger.id, method, &arg).trap.unwrap_or_else(|| panic!("{what}: ran"))
                };
                assert!(refusal.contains(&expected(len)), "{what}: {refusal}");
            }
        }
    }
    assert_eq!(ledger.all_blocks().len(), blocks, "nothing was written");
}

#[test]
fn consent_messages_refuse_other_lengths_too() {
    let ledger = Ledger::deploy(init_args(vec![]));
    for len in LENGTHS {
        for extra in [false, true] {
            for (method, position, arg) in arguments(len, extra) {
                if !matches!(method, "icrc1_transfer" | "icrc2_approve" | "icrc2_transfer_from") {
                    continue;
                }
                let req = ConsentMessageRequest {
                    method: method.into(),
                    arg,
                    user_preferences: ConsentMessageSpec {
                        metadata: ConsentMessageMetadata { language: "en".into(), utc_offset_minutes: None },
                        device_spec: None,
                    },
                };
                let r: Result<ConsentInfo, Icrc21Error> = ledger.update(principal(1), "icrc21_canister_call_consent_message", (req,));
                match r {
                    Err(Icrc21Error::UnsupportedCanisterCall(e)) => assert!(e.description.contains(&expected(len)), "{method} {position}: {e:?}"),
                    other => panic!("{method} {position} of {len} bytes: {other:?}"),
                }
            }
        }
    }
}

/// 32-byte subaccounts work in both decoders (the refusals above are about the length only).
#[test]
fn thirty_two_bytes_work_in_both_decoders() {
    let ledger = Ledger::deploy(init_args(vec![(account_of(1), Nat::from(1_000_000u64))]));
    for extra in [false, true] {
        let arg = record(vec![("to", account(2, Some(vec![4; 32]))), ("amount", amount())], extra);
        let reply = ledger.devnet.update_call(ledger.id, principal(1), "icrc1_transfer", arg).unwrap();
        let r: Result<Nat, TransferError> = candid::decode_one(&reply).unwrap();
        assert!(r.is_ok(), "{r:?}");
    }
    let to = Account { owner: principal(2), subaccount: Some([4; 32]) };
    assert_eq!(ledger.balance(&to), Nat::from(10u8));
}

fn account_of(n: u64) -> Account {
    common::account(n)
}
