use crate::services::registration;
use canister_kit::{query, update, CallContext};
use candid::Principal;
use icto_shared::distribution::{DistributionError, RecipientInfo};

/// The caller registers itself as a recipient while the registration window is open.
#[update]
fn register() -> Result<RecipientInfo, DistributionError> {
    registration::register(&CallContext::current())
}

/// The creator, before the window closes: returns how many principals are whitelisted.
#[update]
fn add_to_whitelist(principals: Vec<Principal>) -> Result<u64, DistributionError> {
    registration::add_to_whitelist(&CallContext::current(), principals)
}

/// Whether `who` is on the registration's whitelist.
#[query]
fn is_whitelisted(who: Principal) -> bool {
    crate::repositories::registration::contains(&who)
}
