//! Install, upgrade and the ingress filter.

use crate::repositories::legacy;
use crate::services::{cycles_watch, relationships, settings};
use canister_kit::inspect::{self, IngressRule};
use candid::{Nat, Principal};
use icto_shared::cycles::CyclesWatchSettings;
use icto_shared::pagination::PageRequest;
use icto_shared::token_factory::*;

#[ic_cdk::init]
fn init(args: FactoryInitArgs) {
    if let Err(e) = settings::init(args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
    cycles_watch::schedule();
}

/// State lives in stable memory; an upgrade needs no argument. Data of the first layout is moved.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    legacy::migrate();
    relationships::FORWARDER.resume();
    cycles_watch::schedule();
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress. A token config is at most ~100 KB
/// (a 30 KB logo, 1,000 initial balances of ~70 bytes); a template chunk is at most 1.9 MB.
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(CreateTokenArgs,)>("create_token", 128 * KB),
    IngressRule::new::<(UpgradeTokenArgs,)>("upgrade_token", KB),
    IngressRule::new::<(Option<Principal>,)>("set_backend", KB),
    IngressRule::new::<(Vec<Principal>,)>("set_admins", 2 * KB),
    IngressRule::new::<(Nat,)>("set_cycles_per_token", KB),
    IngressRule::new::<(TemplateUploadBegin,)>("template_upload_begin", 16 * KB),
    IngressRule::new::<(serde_bytes::ByteBuf,)>("template_upload_chunk", limits::MAX_CHUNK_BYTES + KB),
    IngressRule::new::<()>("template_upload_commit", KB),
    IngressRule::new::<(Principal, u64, u64)>("get_my_contracts", KB),
    IngressRule::new::<(u64, u64)>("list_tokens", KB),
    IngressRule::new::<(Principal,)>("get_token", KB),
    IngressRule::new::<()>("list_templates", KB),
    IngressRule::new::<()>("get_settings", KB),
    IngressRule::new::<(Vec<icto_shared::backend::RoleChange>,)>("report_relationships", 16 * KB),
    IngressRule::new::<(CyclesWatchSettings,)>("set_cycles_watch", KB),
    IngressRule::new::<(PageRequest,)>("get_cycles_report", KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}
