use crate::services::queries;
use candid::Principal;
use icto_shared::factory::{FactorySettings, TemplateInfo, TokenPage, TokenRecord};

#[ic_cdk::query]
fn get_my_contracts(user: Principal, offset: u64, limit: u64) -> TokenPage {
    queries::my_contracts(user, offset, limit)
}

#[ic_cdk::query]
fn list_tokens(offset: u64, limit: u64) -> TokenPage {
    queries::all_tokens(offset, limit)
}

#[ic_cdk::query]
fn get_token(canister_id: Principal) -> Option<TokenRecord> {
    queries::token(canister_id)
}

#[ic_cdk::query]
fn list_templates() -> Vec<TemplateInfo> {
    queries::templates()
}

#[ic_cdk::query]
fn get_settings() -> FactorySettings {
    queries::settings()
}
