use ic_http_certification::{HttpRequest, HttpResponse};

use crate::repositories::{salt as salt_store, signatures};
use crate::services::{certification, delegations, http, salt};

#[canister_kit::query]
fn http_request(request: HttpRequest<'static>) -> HttpResponse<'static> {
    let Some(mut response) = http::serve_query(&request, salt_store::get()) else {
        return HttpResponse::builder().with_upgrade(true).build();
    };
    if let Some(certificate) = ic_cdk::api::data_certificate() {
        for header in certification::skip_headers(&certificate, signatures::root_hash()) {
            response.add_header(header);
        }
    }
    response
}

/// `POST /api/prepare`: the page's `prepare_delegation`.
#[canister_kit::update]
async fn http_request_update(request: HttpRequest<'static>) -> HttpResponse<'static> {
    let args = match http::parse_prepare(&request) {
        Ok(args) => args,
        Err(response) => return response,
    };
    let outcome = match salt::ensure().await {
        Ok(salt) => delegations::prepare(ic_cdk::api::canister_self(), &salt, &args, ic_cdk::api::time()).map(
            |(prepared, certified_data)| {
                ic_cdk::api::certified_data_set(certified_data);
                prepared
            },
        ),
        Err(error) => Err(error),
    };
    http::prepared(outcome)
}
