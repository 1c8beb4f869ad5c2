//! Install, upgrade and the ingress filter.

use crate::services::{chain, settings};
use canister_kit::inspect::{self, IngressRule};
use candid::Principal;
use icto_shared::audit::*;

#[ic_cdk::init]
fn init(args: AuditInitArgs) {
    if let Err(e) = settings::init(args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
    chain::certify();
}

/// The entries are in stable memory; the certified data is set again from the tip.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    chain::certify();
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress (writers are canisters; `append` as
/// ingress is only for an admin tool and tests).
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(Vec<AuditEvent>,)>("append", 300 * KB),
    IngressRule::new::<(u64, u64)>("get_entries", KB),
    IngressRule::new::<(u64, u64)>("get_my_entries", KB),
    IngressRule::new::<(Principal, u64, u64)>("get_user_entries", KB),
    IngressRule::new::<()>("get_tip_certificate", KB),
    IngressRule::new::<(Vec<Principal>,)>("set_writers", 2 * KB),
    IngressRule::new::<()>("get_writers", KB),
    IngressRule::new::<(Vec<Principal>,)>("set_readers", 2 * KB),
    IngressRule::new::<()>("get_readers", KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}
