//! Serving: maps a request to a file (exact path, or index.html for client routes), picks the encoding the
//! client accepts, and attaches the certificate.
use ic_http_certification::{HttpRequest, HttpResponse, Method, StatusCode};
use icto_shared::assets::{ENCODING_GZIP, ENCODING_IDENTITY};

use super::certification::{self, Scope, INDEX_PATH};
use crate::repositories::files as repository;

/// Whether an `Accept-Encoding` value (RFC 9110 section 12.5.3) takes gzip: listed (or `*` when gzip is not
/// listed) with a quality above 0. `gzip;q=0` refuses it.
pub fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut gzip = None;
    let mut any = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|p| p.trim().split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
            .map(|(_, value)| quality_in_thousandths(value.trim()).unwrap_or(0))
            .unwrap_or(1000);
        match coding.as_str() {
            "gzip" | "x-gzip" => gzip = Some(quality),
            "*" => any = Some(quality),
            _ => {}
        }
    }
    gzip.or(any).is_some_and(|quality| quality > 0)
}

/// An RFC 9110 qvalue (`0`, `0.5`, `1.000`, ...) in thousandths; None when malformed. (No float parsing:
/// it would add its tables to the canister.)
fn quality_in_thousandths(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

fn request_accepts_gzip(request: &HttpRequest) -> bool {
    request
        .headers()
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("accept-encoding"))
        .any(|(_, value)| accepts_gzip(value))
}

fn plain(status: StatusCode, text: &str) -> HttpResponse<'static> {
    HttpResponse::builder()
        .with_status_code(status)
        .with_headers(vec![("content-type".into(), "text/plain; charset=utf-8".into())])
        .with_body(text.as_bytes().to_vec())
        .build()
}

/// Picks gzip when the client takes it and the uploader provided it (only where it is smaller), else
/// identity; a file uploaded gzip-encoded only (larger than one reply takes unencoded) is served gzip to
/// every client, as its one representation (every browser takes gzip).
fn pick_encoding(path: &str, gzip_ok: bool) -> Option<(&'static str, crate::models::file::StoredFile)> {
    if gzip_ok {
        if let Some(file) = repository::live_get(path, ENCODING_GZIP) {
            return Some((ENCODING_GZIP, file));
        }
    }
    repository::live_get(path, ENCODING_IDENTITY)
        .map(|file| (ENCODING_IDENTITY, file))
        .or_else(|| repository::live_get(path, ENCODING_GZIP).map(|file| (ENCODING_GZIP, file)))
}

/// `data_certificate` is None in update calls and when the system has none; the response is then uncertified.
pub fn serve(request: &HttpRequest, data_certificate: Option<Vec<u8>>) -> HttpResponse<'static> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD are served.");
    }
    let Ok(request_path) = request.get_path() else {
        return plain(StatusCode::BAD_REQUEST, "Malformed URL.");
    };
    let gzip_ok = request_accepts_gzip(request);
    let csp = certification::csp();
    let (served_path, scope, encoding, mut response) = match pick_encoding(&request_path, gzip_ok) {
        Some((encoding, file)) if request_path != "/" => {
            let response = certification::file_response(&request_path, encoding, file, &csp);
            (request_path.as_str(), Scope::Exact(&request_path), encoding, response)
        }
        _ => match pick_encoding(INDEX_PATH, gzip_ok) {
            Some((encoding, file)) => {
                (INDEX_PATH, Scope::Fallback, encoding, certification::file_response(INDEX_PATH, encoding, file, &csp))
            }
            None => (INDEX_PATH, Scope::NotFound, ENCODING_IDENTITY, certification::not_found_response(&csp)),
        },
    };
    if let Some(certificate) = data_certificate {
        if let Err(error) = certification::certify(&mut response, scope, served_path, encoding, &request_path, &certificate) {
            return plain(StatusCode::INTERNAL_SERVER_ERROR, &error);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::accepts_gzip;

    #[test]
    fn reads_accept_encoding_with_qualities() {
        for yes in ["gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "*", "identity, *;q=0.1", "x-gzip"] {
            assert!(accepts_gzip(yes), "{yes:?} takes gzip");
        }
        for no in ["", "identity", "br", "gzip;q=0", "gzip; q=0.0, br", "*;q=0", "gzip;q=0, *", "deflate, gzip;q=bad"] {
            assert!(!accepts_gzip(no), "{no:?} refuses gzip");
        }
        assert!(accepts_gzip("gzip;q=0.001") && !accepts_gzip("gzip;q=0.000") && !accepts_gzip("gzip;q=1.5"));
    }
}
