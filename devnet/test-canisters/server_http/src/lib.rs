//! Serves HTTP through the devnet gateway. Certification, as the gateway verifies it:
//! - `/certified`: a response-only certified response (`content-type` and `x-certified` certified,
//!   `x-uncertified` not, so the gateway drops it);
//! - `/forged`: the certificate of `/certified` on another body (the gateway refuses it);
//! - `/uncertified`: no certificate at all (refused);
//! - anything else: certification certifiably skipped (passed on as is): `/` answers from the query,
//!   `/update` asks for an upgrade to `http_request_update` (which counts), `/stream` streams three
//!   more chunks, `/missing` is a 404.
use candid::{CandidType, Deserialize};
use ic_http_certification::{
    DefaultCelBuilder, DefaultResponseCertification, HttpCertification, HttpCertificationPath, HttpCertificationTree,
    HttpCertificationTreeEntry, CERTIFICATE_EXPRESSION_HEADER_NAME,
};
use serde_bytes::ByteBuf;
use std::cell::{Cell, RefCell};

thread_local! {
    static UPDATES: Cell<u64> = const { Cell::new(0) };
    static TREE: RefCell<HttpCertificationTree> = RefCell::new(HttpCertificationTree::default());
}

const CERTIFIED_BODY: &str = "certified body";

#[derive(CandidType, Deserialize)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: ByteBuf,
    pub certificate_version: Option<u16>,
}

#[derive(CandidType, Deserialize, Clone)]
pub struct Token {
    pub index: u64,
}

#[derive(CandidType, Deserialize)]
pub struct StreamingCallbackHttpResponse {
    pub body: ByteBuf,
    pub token: Option<Token>,
}

candid::define_function!(pub StreamCallback : (Token) -> (StreamingCallbackHttpResponse) query);

#[derive(CandidType)]
pub enum StreamingStrategy {
    Callback { callback: StreamCallback, token: Token },
}

#[derive(CandidType)]
pub struct HttpResponse {
    pub status_code: u16,
    pub headers: Vec<(String, String)>,
    pub body: ByteBuf,
    pub upgrade: Option<bool>,
    pub streaming_strategy: Option<StreamingStrategy>,
}

fn response(status_code: u16, body: String) -> HttpResponse {
    HttpResponse {
        status_code,
        headers: vec![("content-type".into(), "text/plain".into())],
        body: ByteBuf::from(body.into_bytes()),
        upgrade: None,
        streaming_strategy: None,
    }
}

fn certified_headers() -> Vec<(String, String)> {
    let expression = DefaultCelBuilder::response_only_certification()
        .with_response_certification(DefaultResponseCertification::certified_response_headers(vec![
            "content-type",
            "x-certified",
        ]))
        .build();
    vec![
        ("content-type".into(), "text/plain".into()),
        ("x-certified".into(), "yes".into()),
        (CERTIFICATE_EXPRESSION_HEADER_NAME.into(), expression.to_string()),
    ]
}

fn certified_entry() -> HttpCertificationTreeEntry<'static> {
    let expression = DefaultCelBuilder::response_only_certification()
        .with_response_certification(DefaultResponseCertification::certified_response_headers(vec![
            "content-type",
            "x-certified",
        ]))
        .build();
    let response = ic_http_certification::HttpResponse::ok(CERTIFIED_BODY.as_bytes(), certified_headers()).build();
    let certification = HttpCertification::response_only(&expression, &response, None).expect("certifiable");
    HttpCertificationTreeEntry::new(HttpCertificationPath::exact("/certified"), certification)
}

fn skip_entry() -> HttpCertificationTreeEntry<'static> {
    HttpCertificationTreeEntry::new(HttpCertificationPath::wildcard(""), HttpCertification::skip())
}

fn certify_all() {
    TREE.with(|tree| {
        let mut tree = tree.borrow_mut();
        tree.insert(&certified_entry());
        tree.insert(&skip_entry());
        ic_cdk::api::certified_data_set(tree.root_hash());
    });
}

#[ic_cdk::init]
fn init() {
    certify_all();
}

#[ic_cdk::post_upgrade]
fn post_upgrade() {
    certify_all();
}

/// Adds the IC-Certificate header proving `entry` for `path` (only queries have a data certificate).
fn with_certificate(mut response: HttpResponse, entry: &HttpCertificationTreeEntry, path: &str) -> HttpResponse {
    let Some(certificate) = ic_cdk::api::data_certificate() else { return response };
    let mut carrier = ic_http_certification::HttpResponse::ok(Vec::new(), vec![]).build();
    TREE.with(|tree| {
        let witness = tree.borrow().witness(entry, path).expect("entry is in the tree");
        ic_http_certification::utils::add_v2_certificate_header(&certificate, &mut carrier, &witness, &entry.path.to_expr_path());
    });
    response.headers.extend(carrier.headers().iter().cloned());
    response
}

fn skipped(response: HttpResponse, path: &str) -> HttpResponse {
    let mut response = with_certificate(response, &skip_entry(), path);
    response.headers.push((CERTIFICATE_EXPRESSION_HEADER_NAME.into(), DefaultCelBuilder::skip_certification().to_string()));
    response
}

fn certified(body: &str) -> HttpResponse {
    let mut headers = certified_headers();
    headers.push(("x-uncertified".into(), "dropped by the gateway".into()));
    let response = HttpResponse { headers, ..response(200, body.into()) };
    with_certificate(response, &certified_entry(), "/certified")
}

#[ic_cdk::query]
fn http_request(request: HttpRequest) -> HttpResponse {
    let path = request.url.split('?').next().unwrap_or("/").to_string();
    match path.as_str() {
        "/certified" => certified(CERTIFIED_BODY),
        "/forged" => certified("a body the certificate does not cover"),
        "/uncertified" => response(200, "nobody vouches for this".into()),
        "/update" => HttpResponse { upgrade: Some(true), ..response(200, String::new()) },
        "/stream" => skipped(
            HttpResponse {
                streaming_strategy: Some(StreamingStrategy::Callback {
                    callback: StreamCallback::new(ic_cdk::api::canister_self(), "http_stream".into()),
                    token: Token { index: 1 },
                }),
                ..response(200, "chunk0;".into())
            },
            &path,
        ),
        "/missing" => skipped(response(404, "not here".into()), &path),
        _ => skipped(response(200, format!("{} {}", request.method, request.url)), &path),
    }
}

#[ic_cdk::update]
fn http_request_update(_request: HttpRequest) -> HttpResponse {
    let count = UPDATES.with(|u| {
        u.set(u.get() + 1);
        u.get()
    });
    response(200, format!("updated {count}"))
}

#[ic_cdk::query]
fn http_stream(token: Token) -> StreamingCallbackHttpResponse {
    let next = (token.index < 3).then_some(Token { index: token.index + 1 });
    StreamingCallbackHttpResponse { body: ByteBuf::from(format!("chunk{};", token.index).into_bytes()), token: next }
}
