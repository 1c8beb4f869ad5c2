use crate::services::{consent, queries};
use icto_shared::token::{ConsentInfo, ConsentMessageRequest, Icrc21Error, StandardRecord};

#[ic_cdk::query]
fn icrc10_supported_standards() -> Vec<StandardRecord> {
    queries::supported_standards()
}

/// The Candid signature (for the interface export: `decode_with` would show the argument as `blob`).
#[candid::candid_method(update, rename = "icrc21_canister_call_consent_message")]
#[allow(dead_code, unused_variables)]
fn icrc21_consent_message_signature(req: ConsentMessageRequest) -> Result<ConsentInfo, Icrc21Error> {
    unreachable!("served by icrc21_canister_call_consent_message")
}

/// Decoded with quotas (`wire::args`); the inner argument too (`services::consent`).
#[ic_cdk::update(decode_with = "crate::wire::args::consent_message_arg", hidden = true)]
fn icrc21_canister_call_consent_message(req: ConsentMessageRequest) -> Result<ConsentInfo, Icrc21Error> {
    consent::consent_message(ic_cdk::api::msg_caller(), req)
}
