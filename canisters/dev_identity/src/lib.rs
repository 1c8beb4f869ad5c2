//! Development identity provider (local networks only): a page speaking the Internet Identity client
//! protocol, where a person picks or creates a test user. Each (user, app origin) has an Ed25519 key derived
//! from a seed; the key signs a delegation to the app's session key, which any replica verifies.
pub mod api;
mod http;
mod keys;
mod memory;
mod repository;
mod service;

use api::{DelegateArgs, DelegationReply, DevIdentityError, InitArgs};
use candid::Principal;
use ic_cdk::{init, post_upgrade, query, update};
use ic_http_certification::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

const DEFAULT_USERS: [&str; 3] = ["alice", "bob", "carol"];

fn certify_skip() {
    ic_cdk::api::certified_data_set(ic_http_certification::utils::skip_certification_certified_data());
}

#[init]
fn init(args: Option<InitArgs>) {
    let args = args.unwrap_or_default();
    // No secure randomness at init; this is a dev tool, so a seed derived from the canister id is enough.
    let seed: [u8; 32] = match args.seed.and_then(|s| <[u8; 32]>::try_from(s.as_slice()).ok()) {
        Some(seed) => seed,
        None => Sha256::digest([b"icto-dev-identity-seed".as_slice(), ic_cdk::api::canister_self().as_slice()].concat()).into(),
    };
    repository::set_seed(seed);
    let now = ic_cdk::api::time();
    let users = args.users.unwrap_or_else(|| DEFAULT_USERS.iter().map(|u| u.to_string()).collect());
    for user in users {
        // Init must not trap on one bad name: skip it.
        let _ = service::register(&user, now);
    }
    certify_skip();
}

#[post_upgrade]
fn post_upgrade() {
    certify_skip();
}

#[query]
fn users() -> Vec<String> {
    repository::users()
}

#[update]
fn add_user(name: String) -> Result<(), DevIdentityError> {
    service::register(&name, ic_cdk::api::time())
}

#[query]
fn user_principal(user: String, origin: String) -> Result<Principal, DevIdentityError> {
    service::principal(&user, &origin)
}

#[query]
fn delegate(args: DelegateArgs) -> Result<DelegationReply, DevIdentityError> {
    service::delegate(&args.user, &args.origin, args.session_public_key, args.max_time_to_live, ic_cdk::api::time())
}

#[query]
fn http_request(request: HttpRequest<'static>) -> HttpResponse<'static> {
    let mut response = http::serve(&request, ic_cdk::api::time());
    if let Some(certificate) = ic_cdk::api::data_certificate() {
        ic_http_certification::utils::add_skip_certification_header(certificate, &mut response);
    }
    response
}

candid::export_service!();

#[cfg(test)]
mod did_tests {
    use candid_parser::utils::{service_equal, CandidSource};
    use std::path::Path;

    #[test]
    fn candid_interface_matches_did_file() {
        let exported = super::__export_service();
        if let Err(error) = service_equal(CandidSource::Text(&exported), CandidSource::File(Path::new("dev_identity.did"))) {
            panic!("dev_identity.did must match the canister's interface: {error}\nThe canister exports:\n{exported}");
        }
    }
}
