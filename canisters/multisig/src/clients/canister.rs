//! Any canister's method, called by an approved call proposal with its Candid argument bytes.

use candid::Principal;
use ic_cdk::call::Call;
use icto_shared::multisig::MultisigError;

/// The raw reply, or `CallFailed` with the reject.
pub async fn call(canister: Principal, method: &str, arg: &[u8]) -> Result<Vec<u8>, MultisigError> {
    let reply = Call::unbounded_wait(canister, method)
        .with_raw_args(arg)
        .await
        .map_err(|e| MultisigError::CallFailed(e.to_string()))?;
    Ok(reply.into_bytes())
}
