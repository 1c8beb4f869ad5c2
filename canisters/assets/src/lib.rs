//! Assets canister: serves the web app's files with certified responses; controllers upload a build
//! directory in chunks (`store`) and publish it at once (`commit`), which recomputes the certification.
mod certification;
mod http;
mod memory;
mod model;
mod repository;
mod security_headers;
mod upload;

use ic_cdk::{init, post_upgrade, query, update};
use ic_http_certification::{HttpRequest, HttpResponse};
use icto_shared::assets_api::{AssetError, AssetInfo, CommitArgs, CommitSummary, EncodingInfo, StoreChunk};
use sha2::{Digest, Sha256};

fn refresh_certified_data() -> [u8; 32] {
    let root = certification::rebuild();
    ic_cdk::api::certified_data_set(root);
    root
}

#[init]
fn init() {
    refresh_certified_data();
}

#[post_upgrade]
fn post_upgrade() {
    // Files are in stable memory; the certification tree is heap state, rebuilt from them.
    refresh_certified_data();
}

fn require_controller() -> Result<(), AssetError> {
    if ic_cdk::api::is_controller(&ic_cdk::api::msg_caller()) {
        Ok(())
    } else {
        Err(AssetError::NotController)
    }
}

#[update]
fn store(chunk: StoreChunk) -> Result<(), AssetError> {
    require_controller()?;
    upload::store(chunk)
}

#[update]
fn commit(args: CommitArgs) -> Result<CommitSummary, AssetError> {
    require_controller()?;
    let published = upload::publish(args.remove_missing)?;
    let root = refresh_certified_data();
    Ok(CommitSummary { files: published.files, removed: published.removed, root_hash: root.to_vec() })
}

#[query]
fn list() -> Vec<AssetInfo> {
    let mut infos: Vec<AssetInfo> = Vec::new();
    for entry in repository::live_all() {
        let encoding = EncodingInfo {
            encoding: entry.encoding.clone(),
            length: entry.file.content.len() as u64,
            sha256: Sha256::digest(&entry.file.content).to_vec(),
        };
        match infos.last_mut() {
            Some(info) if info.path == entry.path => info.encodings.push(encoding),
            _ => infos.push(AssetInfo {
                path: entry.path,
                content_type: entry.file.content_type,
                encodings: vec![encoding],
            }),
        }
    }
    infos
}

#[query]
fn http_request(request: HttpRequest<'static>) -> HttpResponse<'static> {
    http::serve(&request, ic_cdk::api::data_certificate())
}

candid::export_service!();

#[cfg(test)]
mod did_tests {
    use candid_parser::utils::{service_equal, CandidSource};
    use std::path::Path;

    #[test]
    fn candid_interface_matches_did_file() {
        let exported = super::__export_service();
        if let Err(error) = service_equal(CandidSource::Text(&exported), CandidSource::File(Path::new("assets.did"))) {
            panic!("assets.did must match the canister's interface: {error}\nThe canister exports:\n{exported}");
        }
    }
}
