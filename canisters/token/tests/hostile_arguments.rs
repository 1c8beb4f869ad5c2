//! Hostile arguments cost their sender, not the ledger: large crafted messages to the four hot methods
//! are refused by `canister_inspect_message` (ingress) and, when they arrive from another canister
//! (no inspection), by decoding under quotas, each within `MAX_REFUSAL_INSTRUCTIONS`. Before the fix,
//! a 300 KB `vec vec record {}` field made one message run to the 40 B instruction limit.
//! Prints the instructions each refusal cost.

mod candid_writer;
mod common;
mod uninspected;

use candid_writer::{leb, message, Ty, Val};
use common::*;

/// The most a refusal may cost (inspection or execution). A valid transfer costs about 160k; the IC's
/// update limit is 40 B.
const MAX_REFUSAL_INSTRUCTIONS: u64 = 5_000_000;
const LARGE: usize = 300 * 1024;
/// Leaves room for the rest of the argument under the 2 KiB limit.
const SMALL: usize = 1_900;

const NAT: i64 = -3;
const NULL: i64 = -1;
const TEXT: i64 = -15;
const PRINCIPAL: i64 = -24;

fn h(name: &str) -> u32 {
    candid::idl_hash(name)
}

fn account_ty() -> Ty {
    Ty::Record(vec![(h("owner"), Ty::Prim(PRINCIPAL))])
}

fn account_val(n: u64) -> Val {
    Val::Record(vec![Val::Principal(principal(n).as_slice().to_vec())])
}

fn small_nat() -> (Ty, Val) {
    (Ty::Prim(NAT), Val::Nat(vec![1]))
}

/// One hostile part of an argument: an extra field, or a replacement for the amount or the memo.
struct Hostile {
    name: String,
    extra: Option<(Ty, Val)>,
    amount: (Ty, Val),
    memo: Option<(Ty, Val)>,
    /// Type-table entries nobody refers to.
    unused: Vec<Ty>,
    /// A valid argument (a big amount within the size limit): answered with an error, not refused.
    valid: bool,
}

impl Hostile {
    fn extra(name: String, field: (Ty, Val)) -> Self {
        Hostile { name, extra: Some(field), amount: small_nat(), memo: None, unused: vec![], valid: false }
    }
}

/// Crafted arguments of about `size` bytes: 300 KB ones (refused for their size) and ones just under
/// the methods' 2 KiB limit (refused by the fast decoder and the candid crate's quotas).
fn hostile_arguments(size: usize) -> Vec<Hostile> {
    let kb = if size >= 1024 * 10 { format!("{} KB", size / 1024) } else { format!("{size} B") };
    // Inner vectors of 2^18 zero-sized elements each: 3 bytes per 2^18 elements (2^18 is below the
    // message length, which the old fast decoder took as the bound of a vector).
    let n = size / 3;
    let mut zero_sized = vec![];
    leb(n as u128, &mut zero_sized);
    for _ in 0..n {
        leb(1 << 18, &mut zero_sized);
    }
    // Deeper would overflow this test's own (recursive) encoder; 2,000 levels are 8 KB.
    let levels = (size / 4).min(2_000);
    let mut deep = (Ty::Prim(NAT), Val::Nat(vec![1]));
    for _ in 0..levels {
        deep = (Ty::Opt(Box::new(deep.0)), Val::Some(Box::new(deep.1)));
    }
    let many_fields = Ty::Record((0..size as u32 / 4).map(|i| (i, Ty::Prim(NULL))).collect());
    let mut list = vec![
        Hostile::extra(
            format!("{kb}: extra vec vec record {{}}, {n} x 2^18 empty records"),
            (Ty::Vec(Box::new(Ty::Vec(Box::new(Ty::Record(vec![]))))), Val::Raw(zero_sized)),
        ),
        Hostile::extra(format!("{kb}: extra opt nested {levels} deep"), deep),
        Hostile::extra(
            format!("{kb}: extra of type μt.opt t, nested {size} deep"),
            (Ty::RecursiveOpt, Val::Raw([vec![1u8; size], vec![0]].concat())),
        ),
        Hostile::extra(format!("{kb}: extra record of {} null fields", size / 4), (many_fields, Val::Raw(vec![]))),
        Hostile::extra(format!("{kb}: extra text"), (Ty::Prim(TEXT), Val::Text("a".repeat(size)))),
        Hostile {
            name: format!("{kb}: amount, a nat of {size} bytes"),
            extra: None,
            amount: (Ty::Prim(NAT), Val::Nat([vec![0xff; size], vec![0x01]].concat())),
            memo: None,
            unused: vec![],
            valid: size <= 2048,
        },
        Hostile {
            name: format!("{kb}: type table of {} unused entries", size / 2),
            extra: None,
            amount: small_nat(),
            memo: None,
            unused: vec![Ty::Opt(Box::new(Ty::Prim(NAT))); size / 2],
            valid: false,
        },
    ];
    if size > 2048 {
        let memo = (Ty::Opt(Box::new(Ty::Vec(Box::new(Ty::Prim(-5))))), Val::Some(Box::new(Val::Blob(vec![7; size]))));
        list.push(Hostile { name: format!("{kb}: memo"), extra: None, amount: small_nat(), memo: Some(memo), unused: vec![], valid: false });
    } else {
        let mut huge_len = vec![];
        leb(u64::MAX as u128, &mut huge_len);
        list.push(Hostile::extra("tiny: extra vec null of 2^64-1 elements".into(), (Ty::Vec(Box::new(Ty::Prim(NULL))), Val::Raw(huge_len))));
    }
    list
}

/// The method's required fields, then the hostile parts, as one record argument (fields sorted).
fn argument(method: &str, hostile: &Hostile) -> Vec<u8> {
    let mut fields: Vec<(u32, Ty, Val)> = match method {
        "icrc1_transfer" => vec![(h("to"), account_ty(), account_val(2))],
        "icrc2_approve" => vec![(h("spender"), account_ty(), account_val(2))],
        "icrc2_transfer_from" => vec![(h("from"), account_ty(), account_val(1)), (h("to"), account_ty(), account_val(2))],
        "icrc1_balance_of" => vec![(h("owner"), Ty::Prim(PRINCIPAL), Val::Principal(principal(1).as_slice().to_vec()))],
        other => panic!("{other}"),
    };
    if method != "icrc1_balance_of" {
        fields.push((h("amount"), hostile.amount.0.clone(), hostile.amount.1.clone()));
        if let Some((t, v)) = &hostile.memo {
            fields.push((h("memo"), t.clone(), v.clone()));
        }
    }
    if let Some((t, v)) = &hostile.extra {
        fields.push((h("zzz_extra"), t.clone(), v.clone()));
    }
    fields.sort_by_key(|f| f.0);
    let ty = Ty::Record(fields.iter().map(|(h, t, _)| (*h, t.clone())).collect());
    message(&ty, &Val::Record(fields.into_iter().map(|(_, _, v)| v).collect()), &hostile.unused)
}

#[test]
fn hostile_arguments_are_refused_cheaply() {
    let ledger = Ledger::deploy(init_args(vec![(account(1), candid::Nat::from(1_000_000_000u64))]));
    let methods = ["icrc1_transfer", "icrc2_approve", "icrc2_transfer_from", "icrc1_balance_of"];
    println!("{:<62} {:<20} {:>10} {:>10}", "hostile argument", "method", "inspect", "execution");
    let mut worst = 0;
    for hostile in hostile_arguments(LARGE).into_iter().chain(hostile_arguments(SMALL)) {
        for method in methods {
            if method == "icrc1_balance_of" && hostile.extra.is_none() && hostile.unused.is_empty() {
                continue; // an account has no amount or memo
            }
            let arg = argument(method, &hostile);
            if hostile.name.starts_with(&SMALL.to_string()) {
                assert!(arg.len() <= 2048, "{}: {} bytes", hostile.name, arg.len());
            }
            let what = format!("{} / {method} ({} bytes)", hostile.name, arg.len());

            if hostile.valid {
                // Decoded, then answered with GenericError (amount over 128 bits); nothing committed.
                let o = uninspected::update(&ledger.devnet, ledger.id, method, &arg);
                assert!(o.trap.is_none(), "{what}: {:?}", o.trap);
                println!("{:<62} {:<20} {:>10} {:>10}", hostile.name, method, "accepted", o.instructions);
                assert!(o.instructions <= MAX_REFUSAL_INSTRUCTIONS, "{what}: execution cost {}", o.instructions);
                continue;
            }
            // Ingress: inspect_message refuses it, so it never executes.
            let refused = ledger.devnet.update_call(ledger.id, principal(1), method, arg.clone());
            let reject = refused.expect_err(&format!("{what}: ingress accepted"));
            assert!(reject.message.contains("message refused"), "{what}: {reject:?}");
            let inspected = uninspected::inspect(&ledger.devnet, ledger.id, method, &arg);
            assert!(inspected.trap.is_some(), "{what}: inspection accepted it");
            let inspect = inspected.instructions;

            // From another canister (no inspection): the method itself refuses it.
            let (execution, outcome) = if method == "icrc1_balance_of" {
                let r = ledger.devnet.query_call(ledger.id, principal(1), method, arg.clone());
                (ledger.devnet.last_instructions(), r.err().map(|e| e.message))
            } else {
                let o = uninspected::update(&ledger.devnet, ledger.id, method, &arg);
                (o.instructions, o.trap)
            };
            let message = outcome.unwrap_or_else(|| panic!("{what}: executed"));
            assert!(message.contains("invalid argument") || message.contains("at most 2048 are accepted"), "{what}: {message}");
            println!("{:<62} {:<20} {:>10} {:>10}", hostile.name, method, inspect, execution);
            assert!(inspect <= MAX_REFUSAL_INSTRUCTIONS, "{what}: inspection cost {inspect}");
            assert!(execution <= MAX_REFUSAL_INSTRUCTIONS, "{what}: execution cost {execution}");
            worst = worst.max(inspect).max(execution);
        }
    }
    println!("most instructions spent on one hostile message: {worst} (bound {MAX_REFUSAL_INSTRUCTIONS})");
    // The ledger still works.
    assert!(ledger.transfer(principal(1), transfer_arg(account(2), 1)).is_ok());
}

/// A transfer whose `to.subaccount` has 33 bytes: refused with a clear message by inspection and by
/// the method (before the fix its 33rd byte shifted into the next field and the transfer went through).
#[test]
fn subaccount_of_33_bytes_is_refused_everywhere() {
    let ledger = Ledger::deploy(init_args(vec![(account(1), candid::Nat::from(1_000_000_000u64))]));
    let sub_ty = Ty::Opt(Box::new(Ty::Vec(Box::new(Ty::Prim(-5)))));
    let to_ty = Ty::Record(vec![(h("owner"), Ty::Prim(PRINCIPAL)), (h("subaccount"), sub_ty)]);
    let to_val = Val::Record(vec![Val::Principal(principal(2).as_slice().to_vec()), Val::Some(Box::new(Val::Blob(vec![1; 33])))]);
    let ty = Ty::Record(vec![(h("to"), to_ty), (h("amount"), Ty::Prim(NAT))]);
    let arg = message(&ty, &Val::Record(vec![to_val, Val::Nat(vec![5])]), &[]);
    let reject = ledger.devnet.update_call(ledger.id, principal(1), "icrc1_transfer", arg.clone()).unwrap_err();
    assert!(reject.message.contains("a subaccount must be 32 bytes, this one has 33"), "{reject:?}");
    let trap = uninspected::update(&ledger.devnet, ledger.id, "icrc1_transfer", &arg).trap;
    assert!(trap.unwrap_or_default().contains("a subaccount must be 32 bytes, this one has 33"));
}
