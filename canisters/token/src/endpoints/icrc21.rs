use crate::services::{consent, queries};
use icto_shared::token::{ConsentInfo, ConsentMessageRequest, Icrc21Error, StandardRecord};

#[ic_cdk::query]
fn icrc10_supported_standards() -> Vec<StandardRecord> {
    queries::supported_standards()
}

#[ic_cdk::update]
fn icrc21_canister_call_consent_message(req: ConsentMessageRequest) -> Result<ConsentInfo, Icrc21Error> {
    consent::consent_message(ic_cdk::api::msg_caller(), req)
}
