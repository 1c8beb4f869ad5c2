use crate::services::claims;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::{query, update, CallContext};
use candid::Nat;
use icto_shared::distribution::{ClaimRecord, DistributionError};

/// The caller claims what has vested (all of it, or up to `amount`).
#[update]
async fn claim(amount: Option<Nat>) -> Result<ClaimRecord, DistributionError> {
    let claimed = claims::claim(CallContext::current(), amount).await;
    // The contract's own cost of the claim (both messages), for operators and the benchmark.
    ic_cdk::api::debug_print(format!("claim: {} instructions", ic_cdk::api::call_context_instruction_counter()));
    claimed
}

#[query]
fn get_claims(page: PageRequest) -> Page<ClaimRecord> {
    claims::list(page)
}
