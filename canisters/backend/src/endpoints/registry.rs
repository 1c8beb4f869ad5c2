use crate::services::registry;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::backend::{BackendError, RelatedCanisters, RelationshipChange};

/// Whitelisted factories only: relationships of their contracts that changed.
#[update]
fn report_relationships(changes: Vec<RelationshipChange>) -> Result<(), BackendError> {
    registry::report(&CallContext::current(), changes)
}

/// Every relationship of `user`, grouped by contract type and role.
#[query]
fn get_related_canisters(user: Principal) -> RelatedCanisters {
    registry::related(user)
}
