//! The canister's certified data covers two subtrees, as in Internet Identity:
//! `http_expr/<*>/<hash of the skip expression>` (the page and its API certifiably skip HTTP certification:
//! their answers depend on the caller and the time) and `sig/...` (canister signatures). The root hash of
//! `fork(http_expr..., sig...)` is the certified data; each response proves its part and prunes the other.
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ic_certification::{fork, labeled, leaf, pruned, Hash, HashTree};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// `DefaultCelBuilder::skip_certification()` of ic-http-certification, spelled out (a host test checks it).
pub const SKIP_CERTIFICATION_EXPRESSION: &str = "default_certification(ValidationArgs{no_certification:Empty{}})";
pub const CERTIFICATE_HEADER: &str = "IC-Certificate";
pub const CERTIFICATE_EXPRESSION_HEADER: &str = "IC-CertificateExpression";

/// `http_expr/<*>/<expression hash>/""`: every path certifiably skips certification.
pub fn http_tree() -> HashTree {
    let expression_hash: Hash = Sha256::digest(SKIP_CERTIFICATION_EXPRESSION.as_bytes()).into();
    labeled(b"http_expr", labeled(b"<*>", labeled(expression_hash, leaf(Vec::new()))))
}

pub fn http_root() -> Hash {
    http_tree().digest()
}

/// The certified data for a signature map with root hash `signatures_root`.
pub fn certified_data(signatures_root: Hash) -> Hash {
    fork(http_tree(), labeled(b"sig", pruned(signatures_root))).digest()
}

fn cbor_base64(value: &impl Serialize) -> String {
    let mut serializer = serde_cbor::Serializer::new(Vec::new());
    serializer.self_describe().expect("writing to a Vec cannot fail");
    value.serialize(&mut serializer).expect("hash trees and strings serialize");
    BASE64.encode(serializer.into_inner())
}

/// The two headers by which a query response certifiably skips certification.
pub fn skip_headers(data_certificate: &[u8], signatures_root: Hash) -> [(String, String); 2] {
    let witness = fork(http_tree(), pruned(labeled(b"sig", pruned(signatures_root)).digest()));
    let expression_path = ["http_expr", "<*>"];
    let certificate = format!(
        "certificate=:{}:, tree=:{}:, expr_path=:{}:, version=2",
        BASE64.encode(data_certificate),
        cbor_base64(&witness),
        cbor_base64(&expression_path)
    );
    [
        (CERTIFICATE_HEADER.to_string(), certificate),
        (CERTIFICATE_EXPRESSION_HEADER.to_string(), SKIP_CERTIFICATION_EXPRESSION.to_string()),
    ]
}
