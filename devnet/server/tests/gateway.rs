//! The HTTP gateway: `<id>.localhost` and `?canisterId=` reach the canister's `http_request`,
//! upgrades go to `http_request_update`, streaming callbacks are followed, headers pass through.

mod common;

use candid::Principal;
use common::{agent, start_devnet, wasm};
use devnet_server::cli::client;
use ic_agent::identity::BasicIdentity;
use ic_management_canister_types::CanisterInstallMode;

async fn get(base: &str, host: Option<&str>, path: &str) -> (u16, Option<String>, String) {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(host) = host {
        request = request.header("host", host);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let certificate = response.headers().get("ic-certificate").map(|v| v.to_str().unwrap().to_string());
    (status, certificate, response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn serves_canister_http_by_host_and_by_query_parameter() {
    let devnet = start_devnet().await;
    let base = devnet.server.url();
    let agent = agent(&base, BasicIdentity::from_raw_key(&[51; 32])).await;
    let id = client::create_canister(&agent, None, None).await.unwrap();
    client::install(&agent, id, wasm("devnet-server-http"), candid::encode_args(()).unwrap(), CanisterInstallMode::Install)
        .await
        .unwrap();
    // Warm-up update so the first query does not hit the core's fresh-canister query bug
    // (see agent_devnet::the_first_query_on_a_fresh_canister_replies).
    let request = r#"(record { method = "GET"; url = "/"; headers = vec {}; body = blob ""; certificate_version = null })"#;
    client::call_text(&agent, id, "http_request_update", request, false).await.unwrap();

    let host = format!("{id}.localhost:{}", devnet.server.addr.port());
    let (status, certificate, body) = get(&base, Some(&host), "/hello?x=1").await;
    assert_eq!((status, body.as_str()), (200, "GET /hello?x=1"));
    assert_eq!(certificate.as_deref(), Some("test-header"), "canister headers pass through");

    let (status, _, body) = get(&base, None, &format!("/page?canisterId={id}")).await;
    assert_eq!(status, 200);
    assert_eq!(body, format!("GET /page?canisterId={id}"));

    let (_, _, body) = get(&base, Some(&host), "/update").await;
    assert_eq!(body, "updated 2");
    let (_, _, body) = get(&base, Some(&host), "/update").await;
    assert_eq!(body, "updated 3", "the upgrade ran as an update call");

    let (status, _, body) = get(&base, Some(&host), "/stream").await;
    assert_eq!((status, body.as_str()), (200, "chunk0;chunk1;chunk2;chunk3;"));

    let (status, _, _) = get(&base, Some(&host), "/missing").await;
    assert_eq!(status, 404);

    let unknown = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
    let (status, _, body) = get(&base, Some(&format!("{unknown}.localhost")), "/").await;
    assert_eq!(status, 404, "{body}");
    let (status, _, body) = get(&base, None, "/").await;
    assert_eq!(status, 404);
    assert!(body.contains("canisterId"), "{body}");
    devnet.stop().await.unwrap();
}
