//! Install, upgrade and the ingress filter.

use crate::models::settings::MAX_CHUNK_BYTES;
use crate::services::{relationships, settings};
use canister_kit::inspect::{self, IngressRule};
use candid::{Nat, Principal};
use icto_shared::backend::RoleChange;
use icto_shared::multisig_factory::*;
use icto_shared::pagination::PageRequest;

#[ic_cdk::init]
fn init(args: MultisigFactoryInitArgs) {
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

/// Every method with the largest argument it takes as ingress. The largest wallet request (50 signers
/// and 100 observers with 40-character names of 4-byte characters, a 2,000-character description, 20
/// tokens with a limit each) is ~50 KB: 64 KB; the backend calls `create_wallet` (not ingress), so its
/// rule is a bound, not a path. A template chunk is at most 1.9 MB.
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(CreateWalletArgs,)>("create_wallet", 64 * KB),
    IngressRule::new::<(UpgradeWalletArgs,)>("upgrade_wallet", KB),
    IngressRule::new::<(Vec<RoleChange>,)>("report_relationships", 16 * KB),
    IngressRule::new::<(Principal,)>("get_wallet", KB),
    IngressRule::new::<(PageRequest,)>("list_wallets", KB),
    IngressRule::new::<(Principal, PageRequest)>("wallets_by_creator", KB),
    IngressRule::new::<(Principal, PageRequest)>("wallets_by_signer", KB),
    IngressRule::new::<(Principal, PageRequest)>("wallets_by_observer", KB),
    IngressRule::new::<(Option<Principal>,)>("set_backend", KB),
    IngressRule::new::<(Vec<Principal>,)>("set_admins", 2 * KB),
    IngressRule::new::<(Nat,)>("set_cycles_per_wallet", KB),
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
