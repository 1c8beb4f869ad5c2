//! Install, upgrade and the ingress filter.

use crate::services::certified_data;
use canister_kit::inspect::{self, IngressRule};
use ic_http_certification::HttpRequest;
use icto_shared::assets::{CommitArgs, StoreChunk};

#[ic_cdk::init]
fn init() {
    certified_data::refresh();
}

/// Files are in stable memory; the certification tree is heap state, rebuilt from them.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    certified_data::refresh();
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress: a stored chunk is under the 2 MiB
/// ingress limit (the deploy tool sends 1.8 MB).
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(StoreChunk,)>("store", 2 * 1024 * KB),
    IngressRule::new::<(CommitArgs,)>("commit", KB),
    IngressRule::new::<()>("list", KB),
    IngressRule::new::<(HttpRequest<'static>,)>("http_request", 64 * KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}
