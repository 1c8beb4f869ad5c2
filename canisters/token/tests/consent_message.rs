//! ICRC-21 consent messages through the canister: formatted amounts, supported methods, errors.

mod common;

use common::*;
use icto_shared::token::*;

fn request(method: &str, arg: Vec<u8>, device: Option<DisplayMessageType>) -> ConsentMessageRequest {
    ConsentMessageRequest {
        method: method.into(),
        arg,
        user_preferences: ConsentMessageSpec {
            metadata: ConsentMessageMetadata { language: "en".into(), utc_offset_minutes: None },
            device_spec: device,
        },
    }
}

fn ask(l: &Ledger, req: ConsentMessageRequest) -> Result<ConsentInfo, Icrc21Error> {
    l.update(principal(1), "icrc21_canister_call_consent_message", (req,))
}

#[test]
fn transfer_message_formats_amounts_with_decimals_and_symbol() {
    let l = Ledger::deploy(init_args(vec![]));
    let arg = candid::encode_one(transfer_arg(account(2), 150_000_000)).unwrap();
    let info = ask(&l, request("icrc1_transfer", arg.clone(), Some(DisplayMessageType::GenericDisplay))).unwrap();
    let ConsentMessage::GenericDisplayMessage(text) = info.consent_message else { panic!("generic display") };
    assert!(text.contains("1.5 ICTO"), "{text}");
    assert!(text.contains("0.0001 ICTO"), "the fee: {text}");
    assert!(text.contains(&principal(2).to_text()), "{text}");
    assert_eq!(info.metadata.language, "en");

    let info = ask(&l, request("icrc1_transfer", arg, Some(DisplayMessageType::FieldsDisplay))).unwrap();
    let ConsentMessage::FieldsDisplayMessage(fields) = info.consent_message else { panic!("fields display") };
    assert_eq!(fields.intent, "Send ICTO");
    assert!(fields.fields.contains(&(
        "Amount".into(),
        ConsentFieldValue::TokenAmount { decimals: 8, amount: 150_000_000, symbol: "ICTO".into() }
    )));
}

#[test]
fn approve_and_transfer_from_messages() {
    let l = Ledger::deploy(init_args(vec![]));
    let mut approve = approve_arg(account(3), 200_000_000);
    approve.expires_at = Some(1_700_000_000_000_000_000);
    let info = ask(&l, request("icrc2_approve", candid::encode_one(approve).unwrap(), None)).unwrap();
    let ConsentMessage::GenericDisplayMessage(text) = info.consent_message else { panic!() };
    assert!(text.contains("2 ICTO") && text.contains("2023-11-14 22:13:20"), "{text}");
    let tf = transfer_from_arg(account(4), account(5), 1);
    let info = ask(&l, request("icrc2_transfer_from", candid::encode_one(tf).unwrap(), None)).unwrap();
    let ConsentMessage::GenericDisplayMessage(text) = info.consent_message else { panic!() };
    assert!(text.contains("0.00000001 ICTO"), "{text}");
}

#[test]
fn unsupported_method_or_bad_argument_is_an_icrc21_error() {
    let l = Ledger::deploy(init_args(vec![]));
    let r = ask(&l, request("icrc1_balance_of", vec![], None));
    assert!(matches!(r, Err(Icrc21Error::UnsupportedCanisterCall(_))), "{r:?}");
    let r = ask(&l, request("icrc1_transfer", b"not candid".to_vec(), None));
    assert!(matches!(r, Err(Icrc21Error::UnsupportedCanisterCall(_))), "{r:?}");
}

fn generic_text(l: &Ledger, caller: candid::Principal, method: &str, arg: Vec<u8>) -> String {
    let r: Result<ConsentInfo, Icrc21Error> =
        l.update(caller, "icrc21_canister_call_consent_message", (request(method, arg, None),));
    match r.unwrap().consent_message {
        ConsentMessage::GenericDisplayMessage(text) => text,
        other => panic!("{other:?}"),
    }
}

/// Mints and burns are free: the message shows a zero fee, not the transfer fee.
#[test]
fn mints_and_burns_are_shown_fee_free() {
    let l = Ledger::deploy(init_args(vec![]));
    let mint = generic_text(&l, minter().owner, "icrc1_transfer", candid::encode_one(transfer_arg(account(2), 150_000_000)).unwrap());
    assert!(mint.contains("# Mint ICTO"), "{mint}");
    assert!(mint.contains("**Fees:**\n`0 ICTO`"), "{mint}");
    let burn = generic_text(&l, principal(1), "icrc1_transfer", candid::encode_one(transfer_arg(minter(), 150_000_000)).unwrap());
    assert!(burn.contains("# Burn ICTO") && burn.contains("**Fees:**\n`0 ICTO`"), "{burn}");
    let tf = transfer_from_arg(account(4), minter(), 150_000_000);
    let burn_from = generic_text(&l, principal(1), "icrc2_transfer_from", candid::encode_one(tf).unwrap());
    assert!(burn_from.contains("**Fees:**\n`0 ICTO`") && !burn_from.contains("0.0001"), "{burn_from}");
}

/// A memo with characters a reader cannot see (here a right-to-left override) is shown as hex.
#[test]
fn memos_that_are_not_plain_text_are_shown_as_hex() {
    let l = Ledger::deploy(init_args(vec![]));
    let mut arg = transfer_arg(account(2), 1);
    arg.memo = Some(serde_bytes::ByteBuf::from("ref\u{202e}9876".as_bytes().to_vec()));
    let text = generic_text(&l, principal(1), "icrc1_transfer", candid::encode_one(arg).unwrap());
    assert!(text.contains("`0x726566e280ae39383736`"), "{text}");
    let mut arg = transfer_arg(account(2), 1);
    arg.memo = Some(serde_bytes::ByteBuf::from(b"invoice 42".to_vec()));
    let text = generic_text(&l, principal(1), "icrc1_transfer", candid::encode_one(arg).unwrap());
    assert!(text.contains("`invoice 42`"), "{text}");
}

/// A token symbol (chosen by whoever launched the token) cannot add lines or markup to the message.
#[test]
fn the_symbol_is_escaped() {
    let mut init = init_args(vec![]);
    init.token_symbol = "X`\n\n**To:**\n`evil".into();
    let l = Ledger::deploy(init);
    let text = generic_text(&l, principal(1), "icrc1_transfer", candid::encode_one(transfer_arg(account(2), 1)).unwrap());
    assert_eq!(text.lines().filter(|l| *l == "**To:**").count(), 1, "one To line: {text}");
    assert!(text.starts_with("# Send X\\`\\\\u{a}\\\\u{a}\\*\\*To:\\*\\*\\\\u{a}\\`evil\n"), "{text}");
    assert!(text.contains("\n`` 0.00000001 X`\\u{a}\\u{a}**To:**\\u{a}`evil ``\n"), "{text}");
}

/// The inner argument is decoded with quotas: a 2 KB `vec vec record {}` (before the fix: 600 million
/// empty elements decoded without a bound) is refused within a few million instructions.
#[test]
fn the_inner_argument_is_decoded_with_quotas() {
    let l = Ledger::deploy(init_args(vec![]));
    // record { to: record { owner: principal }; amount: nat; zz: vec vec record {} } with 600 inner
    // vectors of 2^20 empty records each.
    let h = candid::idl_hash;
    let (to, amount, owner, zz) = (h("to"), h("amount"), h("owner"), h("zz"));
    let mut arg = b"DIDL\x05".to_vec();
    let leb = |mut n: u64, out: &mut Vec<u8>| loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    };
    let mut fields = vec![(to, 1u8), (amount, 0x7d), (zz, 2)];
    fields.sort();
    arg.extend([0x6c, 3]);
    for (hash, t) in fields {
        leb(hash as u64, &mut arg);
        arg.push(t);
    }
    arg.extend([0x6c, 1]);
    leb(owner as u64, &mut arg);
    arg.extend([0x68, 0x6d, 3, 0x6d, 4, 0x6c, 0, 1, 0]);
    let mut values = vec![(to, vec![1u8, 1, 0x7f]), (amount, vec![5]), (zz, vec![])];
    values.sort();
    for (hash, v) in values {
        if hash == zz {
            leb(600, &mut arg);
            for _ in 0..600 {
                leb(1 << 20, &mut arg);
            }
        } else {
            arg.extend(v);
        }
    }
    assert!(arg.len() < 2 * 1024, "within the size limit: the quotas refuse it");
    let r = ask(&l, request("icrc1_transfer", arg, None));
    let instructions = l.devnet.last_instructions();
    println!("consent message for a hostile inner argument: {instructions} instructions");
    assert!(matches!(r, Err(Icrc21Error::UnsupportedCanisterCall(_))), "{r:?}");
    assert!(instructions < 5_000_000, "{instructions}");
}
