//! Install, upgrade and the ingress filter.

use crate::services::{outbox, refunds, settings};
use canister_kit::inspect::{self, IngressRule};
use candid::Principal;
use icto_shared::backend::*;
use icto_shared::contract::ContractType;

#[ic_cdk::init]
fn init(args: BackendInitArgs) {
    if let Err(e) = settings::init(args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
}

/// State lives in stable memory; an upgrade needs no argument. Timers do not survive it: re-arm the
/// refund timer if refunds are pending.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    refunds::schedule();
    outbox::schedule(0);
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress. A deploy request is a token config
/// (at most ~100 KB, see the token factory) or a campaign (at most 1,000 recipient rows of ~90 bytes,
/// 1,000 whitelisted principals and ten schedules of up to 520 unlocks: ~245 KB at the largest) plus the
/// key; `the_largest_campaign_request_fits_the_deploy_ingress_bound` keeps it true.
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(DeployRequest,)>("deploy", 256 * KB),
    IngressRule::new::<(String,)>("get_deployment", KB),
    IngressRule::new::<(u64, u64)>("get_my_deployments", KB),
    IngressRule::new::<(u64, u64)>("get_pending_refunds", KB),
    IngressRule::new::<(Vec<RelationshipChange>,)>("report_relationships", 16 * KB),
    IngressRule::new::<(Principal,)>("get_related_canisters", KB),
    IngressRule::new::<(ContractType, ContractTypeSettings)>("set_contract_type", KB),
    IngressRule::new::<(Vec<Principal>,)>("set_admins", 2 * KB),
    IngressRule::new::<(RateLimits,)>("set_rate_limits", KB),
    IngressRule::new::<(PaymentSettings,)>("set_payment", KB),
    IngressRule::new::<(Storages,)>("set_storages", KB),
    IngressRule::new::<()>("get_outbox_status", KB),
    IngressRule::new::<()>("get_config", KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}
