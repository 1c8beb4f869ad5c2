//! A published open-source canister runs on devnet: DFINITY's asset canister from the
//! `ic-certified-assets` crate on crates.io (wrapped in devnet/test-canisters/asset-canister).
//! It stores an asset, serves it over `http_request` with an `IC-Certificate` header made from the
//! query's data certificate, and survives an upgrade.
mod common;

use base64::Engine;
use candid::{CandidType, Deserialize, Nat};
use common::{user, wasm};
use devnet::certification::STATE_ROOT_DOMAIN;
use devnet::{Devnet, MetadataVisibility};
use serde_bytes::ByteBuf;

#[derive(CandidType)]
struct StoreArg {
    key: String,
    content_type: String,
    content_encoding: String,
    content: ByteBuf,
    sha256: Option<ByteBuf>,
    aliased: Option<bool>,
}

#[derive(CandidType)]
struct GetArg {
    key: String,
    accept_encodings: Vec<String>,
}

#[derive(CandidType, Deserialize, Debug)]
struct EncodedAsset {
    content: ByteBuf,
    content_type: String,
    content_encoding: String,
    total_length: Nat,
}

#[derive(CandidType)]
struct HttpRequest {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: ByteBuf,
    certificate_version: Option<u16>,
}

#[derive(CandidType, Deserialize, Debug)]
struct HttpResponse {
    status_code: u16,
    headers: Vec<(String, String)>,
    body: ByteBuf,
}

fn header_field<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(',').map(str::trim).find_map(|part| part.strip_prefix(name)?.strip_prefix("=:")?.strip_suffix(':'))
}

#[test]
fn dfinity_asset_canister_serves_certified_assets() {
    let devnet = Devnet::new();
    let owner = user(1);
    let id = devnet.create_canister(owner);
    devnet
        .install_code(id, wasm("devnet-asset-canister"), candid::encode_one(None::<()>).unwrap(), owner)
        .expect("the asset canister installs");
    let (visibility, versions) = devnet.metadata(id, "supported_certificate_versions").expect("metadata section");
    assert_eq!(visibility, MetadataVisibility::Public);
    assert!(!versions.is_empty());

    let body = b"<h1>hello from devnet</h1>".to_vec();
    let store = StoreArg {
        key: "/index.html".into(),
        content_type: "text/html".into(),
        content_encoding: "identity".into(),
        content: ByteBuf::from(body.clone()),
        sha256: None,
        aliased: Some(false),
    };
    devnet.update_candid::<_, ()>(id, owner, "store", (store,)).expect("store works for the installer");
    let denied = StoreArg {
        key: "/evil.html".into(),
        content_type: "text/html".into(),
        content_encoding: "identity".into(),
        content: ByteBuf::from(vec![1]),
        sha256: None,
        aliased: None,
    };
    assert!(devnet.update_candid::<_, ()>(id, user(9), "store", (denied,)).is_err(), "others may not store");

    let asset: EncodedAsset = devnet
        .query_candid(id, user(5), "get", (GetArg { key: "/index.html".into(), accept_encodings: vec!["identity".into()] },))
        .unwrap();
    assert_eq!(asset.content.as_ref(), body.as_slice());
    assert_eq!(asset.content_type, "text/html");
    assert_eq!(asset.content_encoding, "identity");
    assert_eq!(asset.total_length, Nat::from(body.len()));

    let request = HttpRequest {
        method: "GET".into(),
        url: "/index.html".into(),
        headers: vec![],
        body: ByteBuf::new(),
        certificate_version: Some(2),
    };
    let response: HttpResponse = devnet.query_candid(id, user(5), "http_request", (request,)).unwrap();
    assert_eq!(response.status_code, 200);
    assert_eq!(response.body.as_ref(), body.as_slice());
    let header = response
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("ic-certificate"))
        .map(|(_, v)| v.clone())
        .expect("an IC-Certificate header");
    let cert_b64 = header_field(&header, "certificate").expect("certificate field");
    let cbor = base64::engine::general_purpose::STANDARD.decode(cert_b64).unwrap();
    let certificate: ic_certification::Certificate = serde_cbor::from_slice(&cbor).unwrap();
    let path = [b"canister".as_slice(), id.as_slice(), b"certified_data".as_slice()];
    let certified = devnet.certified_data(id);
    assert_eq!(certified.len(), 32, "the asset canister certified its asset tree root");
    assert_eq!(certificate.tree.lookup_path(path), ic_certification::LookupResult::Found(certified.as_slice()));
    let mut message = STATE_ROOT_DOMAIN.to_vec();
    message.extend_from_slice(&certificate.tree.digest());
    ic_verify_bls_signature::verify_bls_signature(&certificate.signature, &message, &devnet.root_key_der()[37..])
        .expect("the asset certificate verifies against the devnet root key");

    // Its own upgrade hooks keep the assets.
    devnet.upgrade_canister(id, wasm("devnet-asset-canister"), candid::encode_one(None::<()>).unwrap(), owner).unwrap();
    let asset: EncodedAsset = devnet
        .query_candid(id, user(5), "get", (GetArg { key: "/index.html".into(), accept_encodings: vec!["identity".into()] },))
        .unwrap();
    assert_eq!(asset.content.as_ref(), body.as_slice());
}
