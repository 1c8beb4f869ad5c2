//! Serving: maps a request to a file (exact path, or index.html for client routes), picks the encoding the
//! client accepts, and attaches the certificate.
use ic_http_certification::{HttpRequest, HttpResponse, Method, StatusCode};
use icto_shared::assets::{ENCODING_GZIP, ENCODING_IDENTITY};

use super::certification::{self, Scope, INDEX_PATH};
use crate::repositories::files as repository;

fn accepts_gzip(request: &HttpRequest) -> bool {
    request
        .headers()
        .iter()
        .any(|(name, value)| name.eq_ignore_ascii_case("accept-encoding") && value.to_ascii_lowercase().contains("gzip"))
}

fn plain(status: StatusCode, text: &str) -> HttpResponse<'static> {
    HttpResponse::builder()
        .with_status_code(status)
        .with_headers(vec![("content-type".into(), "text/plain; charset=utf-8".into())])
        .with_body(text.as_bytes().to_vec())
        .build()
}

/// Picks gzip when the client takes it and the uploader provided it (only where it is smaller).
fn pick_encoding(path: &str, gzip_ok: bool) -> Option<(&'static str, crate::models::file::StoredFile)> {
    if gzip_ok {
        if let Some(file) = repository::live_get(path, ENCODING_GZIP) {
            return Some((ENCODING_GZIP, file));
        }
    }
    repository::live_get(path, ENCODING_IDENTITY).map(|file| (ENCODING_IDENTITY, file))
}

/// `data_certificate` is None in update calls and when the system has none; the response is then uncertified.
pub fn serve(request: &HttpRequest, data_certificate: Option<Vec<u8>>) -> HttpResponse<'static> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD are served.");
    }
    let Ok(request_path) = request.get_path() else {
        return plain(StatusCode::BAD_REQUEST, "Malformed URL.");
    };
    let gzip_ok = accepts_gzip(request);
    let (served_path, scope, chosen) = match pick_encoding(&request_path, gzip_ok) {
        Some(found) if request_path != "/" => (request_path.as_str(), Scope::Exact(&request_path), found),
        _ => match pick_encoding(INDEX_PATH, gzip_ok) {
            Some(found) => (INDEX_PATH, Scope::Fallback, found),
            None => return plain(StatusCode::NOT_FOUND, "No app has been uploaded yet."),
        },
    };
    let (encoding, file) = chosen;
    let mut response = certification::file_response(served_path, encoding, file);
    if let Some(certificate) = data_certificate {
        if let Err(error) = certification::certify(&mut response, scope, served_path, encoding, &request_path, &certificate) {
            return plain(StatusCode::INTERNAL_SERVER_ERROR, &error);
        }
    }
    response
}
