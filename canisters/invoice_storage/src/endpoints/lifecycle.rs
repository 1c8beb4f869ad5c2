//! Install, upgrade and the ingress filter.

use crate::services::invoices;
use canister_kit::inspect::{self, IngressRule};
use candid::Principal;
use icto_shared::invoice::*;

#[ic_cdk::init]
fn init(args: InvoiceInitArgs) {
    if let Err(e) = invoices::init(args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
}

/// Everything is in stable memory; an upgrade needs no argument.
#[ic_cdk::post_upgrade]
fn post_upgrade() {}

const KB: usize = 1024;

pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(Vec<Invoice>,)>("upsert_invoices", 128 * KB),
    IngressRule::new::<(Principal,)>("set_backend", KB),
    IngressRule::new::<(serde_bytes::ByteBuf,)>("get_invoice", KB),
    IngressRule::new::<(u64, u64)>("get_my_invoices", KB),
    IngressRule::new::<(Principal, u64, u64)>("get_user_invoices", KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}
