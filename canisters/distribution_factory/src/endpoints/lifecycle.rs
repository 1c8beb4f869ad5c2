//! Install, upgrade and the ingress filter.

use crate::models::settings::MAX_CHUNK_BYTES;
use crate::services::{relationships, settings};
use canister_kit::inspect::{self, IngressRule};
use candid::{Nat, Principal};
use icto_shared::backend::RoleChange;
use icto_shared::distribution_factory::*;
use icto_shared::pagination::PageRequest;

#[ic_cdk::init]
fn init(args: DistributionFactoryInitArgs) {
    if let Err(e) = settings::init(args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
}

/// State lives in stable memory; an upgrade needs no argument. Forwarding of queued changes restarts.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    relationships::FORWARDER.resume();
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress. A campaign request holds at most 1,000
/// recipient rows of ~90 Candid bytes, 1,000 whitelisted principals and ten schedules of up to 520 unlocks
/// (~245 KB at the largest: 256 KB); the backend calls
/// `create_campaign` (not ingress), so its rule is a bound, not a path. A template chunk is at most 1.9 MB.
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(CreateCampaignArgs,)>("create_campaign", 256 * KB),
    IngressRule::new::<(UpgradeCampaignArgs,)>("upgrade_campaign", KB),
    IngressRule::new::<(Vec<RoleChange>,)>("report_relationships", 16 * KB),
    IngressRule::new::<(Principal,)>("get_campaign", KB),
    IngressRule::new::<(PageRequest,)>("list_campaigns", KB),
    IngressRule::new::<(Principal, PageRequest)>("campaigns_by_creator", KB),
    IngressRule::new::<(Principal, PageRequest)>("campaigns_by_recipient", KB),
    IngressRule::new::<(Option<Principal>,)>("set_backend", KB),
    IngressRule::new::<(Vec<Principal>,)>("set_admins", 2 * KB),
    IngressRule::new::<(Nat,)>("set_cycles_per_campaign", KB),
    IngressRule::new::<(TemplateUploadBegin,)>("template_upload_begin", 16 * KB),
    IngressRule::new::<(serde_bytes::ByteBuf,)>("template_upload_chunk", MAX_CHUNK_BYTES + KB),
    IngressRule::new::<()>("template_upload_commit", KB),
    IngressRule::new::<()>("list_templates", KB),
    IngressRule::new::<()>("get_settings", KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}
