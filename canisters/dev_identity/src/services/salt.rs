//! The salt is drawn from `raw_rand` on the first update call that needs it (init cannot await).
use candid::Principal;
use ic_cdk::call::Call;

use icto_shared::dev_identity::DevIdentityError;
use crate::repositories::salt;

/// The salt, drawing it if this is the first time. Concurrent first calls each draw; the first to come
/// back keeps its salt and the others use it (the check after the await).
pub async fn ensure() -> Result<[u8; 32], DevIdentityError> {
    if let Some(existing) = salt::get() {
        return Ok(existing);
    }
    let reply = Call::unbounded_wait(Principal::management_canister(), "raw_rand")
        .await
        .map_err(|e| DevIdentityError::NotReady(format!("raw_rand failed: {e}")))?;
    let bytes: Vec<u8> = reply.candid().map_err(|e| DevIdentityError::NotReady(format!("raw_rand reply: {e}")))?;
    let drawn: [u8; 32] = bytes
        .get(..32)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| DevIdentityError::NotReady("raw_rand returned fewer than 32 bytes".into()))?;
    if let Some(existing) = salt::get() {
        return Ok(existing);
    }
    salt::set(drawn);
    Ok(drawn)
}

/// The salt for queries, which cannot draw it.
pub fn current() -> Result<[u8; 32], DevIdentityError> {
    salt::get().ok_or_else(|| DevIdentityError::NotReady("no update call has drawn the salt yet; call add_user first".into()))
}
