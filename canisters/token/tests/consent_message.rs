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
