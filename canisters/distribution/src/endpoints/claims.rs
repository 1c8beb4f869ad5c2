use crate::services::claims;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::{query, update, CallContext};
use candid::Nat;
use icto_shared::distribution::{ClaimRecord, DistributionError};

/// The caller claims what has vested (all of it, or up to `amount`).
#[update]
async fn claim(amount: Option<Nat>) -> Result<ClaimRecord, DistributionError> {
    claims::claim(CallContext::current(), amount).await
}

#[query]
fn get_claims(page: PageRequest) -> Page<ClaimRecord> {
    claims::list(page)
}
