use crate::services::deploy::{self, Env};
use icto_shared::factory::{CreateTokenArgs, FactoryError, TokenRecord, UpgradeTokenArgs};

fn env() -> Env {
    Env {
        caller: ic_cdk::api::msg_caller(),
        now: ic_cdk::api::time(),
        factory: ic_cdk::api::canister_self(),
        cycle_balance: ic_cdk::api::canister_cycle_balance(),
    }
}

/// Only the backend may call; it passes the user who pays and owns the token.
#[ic_cdk::update]
async fn create_token(args: CreateTokenArgs) -> Result<TokenRecord, FactoryError> {
    deploy::create_token(env(), args).await
}

#[ic_cdk::update]
async fn upgrade_token(args: UpgradeTokenArgs) -> Result<TokenRecord, FactoryError> {
    deploy::upgrade_token(env(), args).await
}
