//! Install, upgrade and the ingress filter.

use crate::services::{access, wallet};
use canister_kit::inspect::{self, IngressRule};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::multisig::{AddressBookEntry, MultisigInitArgs, ProposalFilter, ProposeArgs};
use icto_shared::pagination::PageRequest;
use icto_shared::token::Account;

/// Nothing is stored before the argument is valid, so refusing it by a trap leaves no half-written state.
#[ic_cdk::init]
fn init(args: MultisigInitArgs) {
    if let Err(e) = wallet::init(&CallContext::current(), args) {
        ic_cdk::trap(format!("invalid init argument: {e}"));
    }
}

/// State lives in stable memory; an upgrade needs no argument.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    wallet::post_upgrade();
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress. A proposal is at most a 64 KiB call
/// argument, or 500 batch rows of ~100 Candid bytes, plus texts of ~8 KiB.
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(ProposeArgs,)>("propose", 128 * KB),
    IngressRule::new::<(u64, Option<String>)>("approve", 4 * KB),
    IngressRule::new::<(u64, Option<String>)>("reject", 4 * KB),
    IngressRule::new::<(u64,)>("execute", KB),
    IngressRule::new::<(u64,)>("cancel", KB),
    IngressRule::new::<(u64,)>("get_proposal", KB),
    IngressRule::new::<(ProposalFilter, PageRequest)>("list_proposals", KB),
    IngressRule::new::<()>("get_wallet", KB),
    IngressRule::new::<(PageRequest,)>("get_history", KB),
    IngressRule::new::<(Principal,)>("add_token", KB),
    IngressRule::new::<(Principal,)>("remove_token", KB),
    IngressRule::new::<(AddressBookEntry,)>("set_address_book_entry", KB),
    IngressRule::new::<(Account,)>("remove_address_book_entry", KB),
    IngressRule::new::<()>("get_address_book", KB),
];

/// Who may call (signer-only methods), then the argument's size and shape.
#[ic_cdk::inspect_message]
fn inspect_message() {
    let method = ic_cdk::api::msg_method_name();
    if let Some(why) = access::ingress_refusal(&method, ic_cdk::api::msg_caller()) {
        ic_cdk::trap(why);
    }
    inspect::accept_if_valid(INGRESS)
}
