use crate::services::http;
use canister_kit::query;
use ic_http_certification::{HttpRequest, HttpResponse};

#[query]
fn http_request(request: HttpRequest<'static>) -> HttpResponse<'static> {
    http::serve(&request, ic_cdk::api::data_certificate())
}
