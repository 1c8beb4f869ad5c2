use canister_kit::inspect::{self, IngressRule};
use ic_http_certification::HttpRequest;
use icto_shared::dev_identity::{GetDelegationArgs, InitArgs, PrepareDelegationArgs};
use crate::repositories::signatures;
use crate::services::{certification, network, users};


fn require_local_network() {
    if let Err(message) = network::require_local(&ic_cdk::api::root_key()) {
        ic_cdk::trap(message);
    }
}

pub fn refresh_certified_data() {
    ic_cdk::api::certified_data_set(certification::certified_data(signatures::root_hash()));
}

#[ic_cdk::init]
fn init(args: Option<InitArgs>) {
    require_local_network();
    let now = ic_cdk::api::time();
    let names = args.and_then(|a| a.users).unwrap_or_else(|| users::DEFAULT_USERS.iter().map(|u| u.to_string()).collect());
    for name in names.iter().take(users::MAX_USERS as usize) {
        // One bad name must not fail the install: it is skipped.
        let _ = users::register(name, now);
    }
    refresh_certified_data();
}

/// Users and the salt are in stable memory; signatures (valid for a minute) start afresh.
#[ic_cdk::post_upgrade]
fn post_upgrade() {
    require_local_network();
    refresh_certified_data();
}

const KB: usize = 1024;

/// Every method with the largest argument it takes as ingress: a few short strings and a key (a page
/// request's headers for `http_request_update`). Bigger or undecodable ingress is refused before it runs.
pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<()>("users", KB),
    IngressRule::new::<(String,)>("add_user", KB),
    IngressRule::new::<(String, String)>("user_principal", 2 * KB),
    IngressRule::new::<(PrepareDelegationArgs,)>("prepare_delegation", 2 * KB),
    IngressRule::new::<(GetDelegationArgs,)>("get_delegation", 2 * KB),
    IngressRule::new::<(HttpRequest<'static>,)>("http_request", 8 * KB),
    IngressRule::new::<(HttpRequest<'static>,)>("http_request_update", 8 * KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}
