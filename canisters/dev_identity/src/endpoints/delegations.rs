use icto_shared::dev_identity::{DevIdentityError, GetDelegationArgs, PrepareDelegationArgs, PreparedDelegation, SignedDelegation};
use crate::services::{delegations, salt};

/// Signs a delegation from the user's key to `session_public_key` (read it with `get_delegation`).
#[canister_kit::update]
async fn prepare_delegation(args: PrepareDelegationArgs) -> Result<PreparedDelegation, DevIdentityError> {
    delegations::check_prepare(&args)?;
    let salt = salt::ensure().await?;
    let (prepared, certified_data) =
        delegations::prepare(ic_cdk::api::canister_self(), &salt, &args, ic_cdk::api::time())?;
    ic_cdk::api::certified_data_set(certified_data);
    Ok(prepared)
}

#[canister_kit::query]
fn get_delegation(args: GetDelegationArgs) -> Result<SignedDelegation, DevIdentityError> {
    delegations::get(&salt::current()?, &args)
}
