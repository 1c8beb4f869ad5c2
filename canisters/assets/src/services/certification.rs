//! Certified responses: every live file (and index.html as the fallback for client routes; before any
//! upload, a 404) gets a response-only certification in one HTTP certification tree; its root hash is the
//! certified data. Certified headers: content type and encoding, caching and the security headers (the
//! HTTP gateway passes on certified headers only). The tree lives on the heap and is rebuilt from stable
//! storage on commit and after upgrade.
use ic_http_certification::{
    DefaultCelBuilder, DefaultResponseCertification, DefaultResponseOnlyCelExpression, HttpCertification,
    HttpCertificationPath, HttpCertificationTree, HttpCertificationTreeEntry, HttpResponse, StatusCode,
    CERTIFICATE_EXPRESSION_HEADER_NAME,
};
use icto_shared::assets::{ENCODING_GZIP, ENCODING_IDENTITY};
use std::cell::RefCell;
use std::collections::HashMap;

use crate::models::file::{file_key, StoredFile};
use crate::repositories::files as repository;
use crate::services::security_headers;

pub const INDEX_PATH: &str = "/index.html";
/// Client routes (`/tokens/...`) that are not files get index.html, certified under this wildcard.
pub const FALLBACK_SCOPE: &str = "/";

#[derive(Default)]
struct CertificationState {
    tree: HttpCertificationTree,
    /// Certification per live file key (`path \0 encoding`).
    by_file: HashMap<String, HttpCertification>,
    /// The Content-Security-Policy every response carries (hashes of index.html's inline scripts).
    csp: String,
    /// Certification of the 404 served while no index.html exists.
    not_found: Option<HttpCertification>,
}

thread_local! {
    static STATE: RefCell<CertificationState> = RefCell::new(CertificationState::default());
}

pub fn cel_expr() -> DefaultResponseOnlyCelExpression<'static> {
    DefaultCelBuilder::response_only_certification()
        .with_response_certification(DefaultResponseCertification::certified_response_headers(
            ["content-type", "content-encoding", "cache-control"].into_iter().chain(security_headers::NAMES).collect::<Vec<_>>(),
        ))
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
pub fn file_response(path: &str, encoding: &str, file: StoredFile, csp: &str) -> HttpResponse<'static> {
    let mut headers = vec![
        ("content-type".to_string(), file.content_type.clone()),
        ("cache-control".to_string(), cache_control(path).to_string()),
    ];
    if encoding == ENCODING_GZIP {
        headers.push(("content-encoding".to_string(), ENCODING_GZIP.to_string()));
    }
    headers.extend(security_headers::headers(csp));
    headers.push((CERTIFICATE_EXPRESSION_HEADER_NAME.to_string(), cel_expr().to_string()));
    HttpResponse::builder()
        .with_status_code(StatusCode::OK)
        .with_headers(headers)
        .with_body(file.content)
        .build()
}

/// What every path answers before an app is uploaded (certified, so the gateway shows it).
pub fn not_found_response(csp: &str) -> HttpResponse<'static> {
    let mut headers = vec![
        ("content-type".to_string(), "text/plain; charset=utf-8".to_string()),
        ("cache-control".to_string(), "no-cache".to_string()),
    ];
    headers.extend(security_headers::headers(csp));
    headers.push((CERTIFICATE_EXPRESSION_HEADER_NAME.to_string(), cel_expr().to_string()));
    HttpResponse::builder()
        .with_status_code(StatusCode::NOT_FOUND)
        .with_headers(headers)
        .with_body(b"No app has been uploaded yet.".to_vec())
        .build()
}

/// The Content-Security-Policy of the files being served.
pub fn csp() -> String {
    STATE.with(|s| s.borrow().csp.clone())
}

/// Rebuilds the tree from the live files and returns its root hash (to be set as certified data).
pub fn rebuild() -> [u8; 32] {
    let expr = cel_expr();
    let index = repository::live_get(INDEX_PATH, ENCODING_IDENTITY);
    let csp = security_headers::content_security_policy(index.as_ref().map(|f| f.content.as_slice()).unwrap_or_default());
    let mut state = CertificationState { csp, ..Default::default() };
    for entry in repository::live_all() {
        let response = file_response(&entry.path, &entry.encoding, entry.file, &state.csp);
        let certification =
            HttpCertification::response_only(&expr, &response, None).expect("our responses carry the expression");
        state.tree.insert(&HttpCertificationTreeEntry::new(HttpCertificationPath::exact(&entry.path), certification));
        if entry.path == INDEX_PATH {
            let fallback = HttpCertificationPath::wildcard(FALLBACK_SCOPE);
            state.tree.insert(&HttpCertificationTreeEntry::new(fallback, certification));
        }
        state.by_file.insert(file_key(&entry.path, &entry.encoding), certification);
    }
    if index.is_none() {
        let certification = HttpCertification::response_only(&expr, &not_found_response(&state.csp), None)
            .expect("our responses carry the expression");
        let fallback = HttpCertificationPath::wildcard(FALLBACK_SCOPE);
        state.tree.insert(&HttpCertificationTreeEntry::new(fallback, certification));
        state.not_found = Some(certification);
    }
    let root = state.tree.root_hash();
    STATE.with(|s| *s.borrow_mut() = state);
    root
}

/// Where a response is certified in the tree: the exact path, the index fallback, or the 404 served
/// before any upload.
pub enum Scope<'p> {
    Exact(&'p str),
    Fallback,
    NotFound,
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
        let certification = match scope {
            Scope::NotFound => state.not_found.as_ref(),
            _ => state.by_file.get(&file_key(served_path, encoding)),
        }
        .ok_or_else(|| format!("{served_path} has no certification"))?;
        let path = match scope {
            Scope::Exact(path) => HttpCertificationPath::exact(path),
            Scope::Fallback | Scope::NotFound => HttpCertificationPath::wildcard(FALLBACK_SCOPE),
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
