//! Serves HTTP through the devnet gateway: `/` answers from the query, `/update` asks for an
//! upgrade to `http_request_update` (which counts), `/stream` streams three more chunks.
use candid::{CandidType, Deserialize};
use serde_bytes::ByteBuf;
use std::cell::Cell;

thread_local! {
    static UPDATES: Cell<u64> = const { Cell::new(0) };
}

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
        headers: vec![("content-type".into(), "text/plain".into()), ("ic-certificate".into(), "test-header".into())],
        body: ByteBuf::from(body.into_bytes()),
        upgrade: None,
        streaming_strategy: None,
    }
}

#[ic_cdk::query]
fn http_request(request: HttpRequest) -> HttpResponse {
    let path = request.url.split('?').next().unwrap_or("/").to_string();
    match path.as_str() {
        "/update" => HttpResponse { upgrade: Some(true), ..response(200, String::new()) },
        "/stream" => HttpResponse {
            streaming_strategy: Some(StreamingStrategy::Callback {
                callback: StreamCallback::new(ic_cdk::api::canister_self(), "http_stream".into()),
                token: Token { index: 1 },
            }),
            ..response(200, "chunk0;".into())
        },
        "/missing" => response(404, "not here".into()),
        _ => response(200, format!("{} {}", request.method, request.url)),
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
