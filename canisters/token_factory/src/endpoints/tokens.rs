use crate::services::{relationships, tokens};
use icto_shared::backend::RoleChange;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::token_factory::{CreateTokenArgs, FactoryError, TokenPage, TokenRecord, UpgradeTokenArgs};

/// Only the backend may call; it passes the user who pays and owns the token.
#[update]
async fn create_token(args: CreateTokenArgs) -> Result<TokenRecord, FactoryError> {
    tokens::create(CallContext::current(), args).await
}

#[update]
async fn upgrade_token(args: UpgradeTokenArgs) -> Result<TokenRecord, FactoryError> {
    tokens::upgrade(CallContext::current(), args).await
}

#[query]
fn get_my_contracts(user: Principal, offset: u64, limit: u64) -> TokenPage {
    tokens::by_owner(user, offset, limit)
}

#[query]
fn list_tokens(offset: u64, limit: u64) -> TokenPage {
    tokens::all(offset, limit)
}

#[query]
fn get_token(canister_id: Principal) -> Option<TokenRecord> {
    tokens::get(canister_id)
}

/// Callbacks from tokens this factory deployed: who relates to the calling token (forwarded to the
/// backend's registry). Any other caller is refused.
#[update]
fn report_relationships(changes: Vec<RoleChange>) -> Result<(), FactoryError> {
    relationships::report(&CallContext::current(), changes)
}
