//! Who may do what: the creator manages the campaign (recipients, activation, pause, cancel); recipients
//! claim for themselves (`msg_caller`, never a principal in the argument); everyone may read.

use crate::models::campaign::Campaign;
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::distribution::DistributionError;

/// Methods only the creator may call.
pub const CREATOR_ONLY: &[&str] = &["add_recipients", "add_to_whitelist", "activate", "pause", "resume", "cancel"];
/// Methods the anonymous principal may not call (it cannot be a recipient).
pub const NOT_ANONYMOUS: &[&str] = &["claim", "register"];

pub fn require_creator(ctx: &CallContext, campaign: &Campaign) -> Result<(), DistributionError> {
    if ctx.caller == campaign.creator { Ok(()) } else { Err(DistributionError::Unauthorized) }
}

/// Why ingress to `method` from `caller` is refused before it runs, if it is (the argument is checked by
/// the kit's rules after this).
pub fn ingress_refusal(method: &str, caller: Principal, creator: Principal) -> Option<String> {
    if CREATOR_ONLY.contains(&method) && caller != creator {
        return Some(format!("only the campaign's creator may call {method}"));
    }
    if NOT_ANONYMOUS.contains(&method) && caller == Principal::anonymous() {
        return Some(format!("the anonymous principal may not call {method}"));
    }
    None
}
