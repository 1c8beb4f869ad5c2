//! The multisig factory.

use super::describe_call_failure;
use candid::Principal;
use ic_cdk::call::Call;
use icto_shared::multisig_factory::{CreateWalletArgs, MultisigFactoryError, WalletRecord};

/// The factory's typed reply, or why the call failed (rejected, stopped, frozen, trapped, bad reply).
pub async fn create_wallet(factory: Principal, args: CreateWalletArgs) -> Result<Result<WalletRecord, MultisigFactoryError>, String> {
    let reply = Call::unbounded_wait(factory, "create_wallet").with_arg(args).await.map_err(describe_call_failure)?;
    reply.candid().map_err(describe_call_failure)
}
