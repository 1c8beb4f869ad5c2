//! The token factory.

use super::describe_call_failure;
use candid::Principal;
use ic_cdk::call::Call;
use icto_shared::token_factory::{CreateTokenArgs, FactoryError, TokenRecord};

/// The factory's typed reply, or why the call failed (rejected, stopped, frozen, trapped, bad reply).
pub async fn create_token(factory: Principal, args: CreateTokenArgs) -> Result<Result<TokenRecord, FactoryError>, String> {
    let reply = Call::unbounded_wait(factory, "create_token").with_arg(args).await.map_err(describe_call_failure)?;
    reply.candid().map_err(describe_call_failure)
}
