use crate::models::api::InitArgs;
use crate::repositories::signatures;
use crate::services::{certification, network, users};

const MAX_INGRESS_ARG_BYTES: usize = 8 * 1024;

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

/// Every argument here is a few short strings and a key: bigger ingress is refused before it runs.
#[ic_cdk::inspect_message]
fn inspect_message() {
    if ic_cdk::api::msg_arg_data().len() <= MAX_INGRESS_ARG_BYTES {
        ic_cdk::api::accept_message();
    }
}
