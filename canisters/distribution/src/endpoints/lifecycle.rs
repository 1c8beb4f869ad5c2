//! Install, upgrade and the ingress filter.

use crate::repositories::campaign as repo;
use crate::services::{access, campaign};
use canister_kit::inspect::{self, IngressRule};
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::distribution::{DistributionInitArgs, RecipientEntry};
use icto_shared::pagination::PageRequest;

/// Nothing is stored before the argument is valid, so refusing it by a trap leaves no half-written state.
#[ic_cdk::init]
fn init(args: DistributionInitArgs) {
    if let Err(e) = campaign::init(&CallContext::current(), args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
}

/// State lives in stable memory; an upgrade needs no argument.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    campaign::post_upgrade();
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress. A recipient row is at most ~90 Candid
/// bytes, so `MAX_BATCH` (10,000) rows fit in 1 MiB.
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(Vec<RecipientEntry>,)>("add_recipients", 1024 * KB),
    IngressRule::new::<()>("activate", KB),
    IngressRule::new::<()>("pause", KB),
    IngressRule::new::<()>("resume", KB),
    IngressRule::new::<()>("cancel", KB),
    IngressRule::new::<(Option<Nat>,)>("claim", KB),
    IngressRule::new::<()>("get_campaign", KB),
    IngressRule::new::<()>("get_my_allocation", KB),
    IngressRule::new::<(PageRequest,)>("list_recipients", KB),
    IngressRule::new::<(PageRequest,)>("get_claims", KB),
    IngressRule::new::<()>("register", KB),
    // 10,000 principals of at most 30 bytes.
    IngressRule::new::<(Vec<Principal>,)>("add_to_whitelist", 320 * KB),
    IngressRule::new::<(Principal,)>("is_whitelisted", KB),
];

/// Who may call (creator-only methods, no anonymous claims), then the argument's size and shape.
#[ic_cdk::inspect_message]
fn inspect_message() {
    let method = ic_cdk::api::msg_method_name();
    if let Some(why) = access::ingress_refusal(&method, ic_cdk::api::msg_caller(), repo::get().creator) {
        ic_cdk::trap(why);
    }
    inspect::accept_if_valid(INGRESS)
}
