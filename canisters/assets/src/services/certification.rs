//! Certified responses: every live file (and index.html as the fallback for client routes) gets a
//! response-only certification in one HTTP certification tree; its root hash is the certified data.
//! The tree lives on the heap and is rebuilt from stable storage on commit and after upgrade.
use ic_http_certification::{
    DefaultCelBuilder, DefaultResponseCertification, DefaultResponseOnlyCelExpression, HttpCertification,
    HttpCertificationPath, HttpCertificationTree, HttpCertificationTreeEntry, HttpResponse, StatusCode,
    CERTIFICATE_EXPRESSION_HEADER_NAME,
};
use icto_shared::assets::ENCODING_GZIP;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::models::file::{file_key, StoredFile};
use crate::repositories::files as repository;

pub const INDEX_PATH: &str = "/index.html";
/// Client routes (`/tokens/...`) that are not files get index.html, certified under this wildcard.
pub const FALLBACK_SCOPE: &str = "/";

#[derive(Default)]
struct CertificationState {
    tree: HttpCertificationTree,
    /// Certification per live file key (`path \0 encoding`).
    by_file: HashMap<String, HttpCertification>,
}

thread_local! {
    static STATE: RefCell<CertificationState> = RefCell::new(CertificationState::default());
}

pub fn cel_expr() -> DefaultResponseOnlyCelExpression<'static> {
    DefaultCelBuilder::response_only_certification()
        .with_response_certification(DefaultResponseCertification::certified_response_headers(vec![
            "content-type",
            "content-encoding",
            "cache-control",
        ]))
        .build()
}

/// trunk names its build outputs by content hash, so they may be cached for good; the rest may change.
fn cache_control(path: &str) -> &'static str {
    let hashed = [".wasm", ".js", ".css"].iter().any(|ext| path.ends_with(ext)) && path.contains('-');
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The response for one encoding of one file, without the IC-Certificate header.
pub fn file_response(path: &str, encoding: &str, file: StoredFile) -> HttpResponse<'static> {
    let mut headers = vec![
        ("content-type".to_string(), file.content_type.clone()),
        ("cache-control".to_string(), cache_control(path).to_string()),
    ];
    if encoding == ENCODING_GZIP {
        headers.push(("content-encoding".to_string(), ENCODING_GZIP.to_string()));
    }
    headers.push((CERTIFICATE_EXPRESSION_HEADER_NAME.to_string(), cel_expr().to_string()));
    HttpResponse::builder()
        .with_status_code(StatusCode::OK)
        .with_headers(headers)
        .with_body(file.content)
        .build()
}

/// Rebuilds the tree from the live files and returns its root hash (to be set as certified data).
pub fn rebuild() -> [u8; 32] {
    let expr = cel_expr();
    let mut state = CertificationState::default();
    for entry in repository::live_all() {
        let response = file_response(&entry.path, &entry.encoding, entry.file);
        let certification =
            HttpCertification::response_only(&expr, &response, None).expect("our responses carry the expression");
        state.tree.insert(&HttpCertificationTreeEntry::new(HttpCertificationPath::exact(&entry.path), certification));
        if entry.path == INDEX_PATH {
            let fallback = HttpCertificationPath::wildcard(FALLBACK_SCOPE);
            state.tree.insert(&HttpCertificationTreeEntry::new(fallback, certification));
        }
        state.by_file.insert(file_key(&entry.path, &entry.encoding), certification);
    }
    let root = state.tree.root_hash();
    STATE.with(|s| *s.borrow_mut() = state);
    root
}

/// Where a response is certified in the tree: the exact path, or the index fallback.
pub enum Scope<'p> {
    Exact(&'p str),
    Fallback,
}

/// Adds the IC-Certificate header (data certificate + witness + expression path) to a file response.
pub fn certify(
    response: &mut HttpResponse<'static>,
    scope: Scope<'_>,
    served_path: &str,
    encoding: &str,
    request_path: &str,
    data_certificate: &[u8],
) -> Result<(), String> {
    STATE.with(|s| {
        let state = s.borrow();
        let certification = state
            .by_file
            .get(&file_key(served_path, encoding))
            .ok_or_else(|| format!("{served_path} has no certification"))?;
        let path = match scope {
            Scope::Exact(path) => HttpCertificationPath::exact(path),
            Scope::Fallback => HttpCertificationPath::wildcard(FALLBACK_SCOPE),
        };
        let entry = HttpCertificationTreeEntry::new(&path, *certification);
        let witness = state.tree.witness(&entry, request_path).map_err(|e| e.to_string())?;
        ic_http_certification::utils::add_v2_certificate_header(
            data_certificate,
            response,
            &witness,
            &path.to_expr_path(),
        );
        Ok(())
    })
}
