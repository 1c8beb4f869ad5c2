//! The HTTP gateway: `<id>.localhost` and `?canisterId=` reach the canister's `http_request`,
//! upgrades go to `http_request_update`, streaming callbacks are followed; responses are verified as
//! the IC's gateway verifies them (certified headers only, uncertified or forged responses refused,
//! certifiably skipped ones passed on) and carry one `content-type`.

mod common;

use candid::Principal;
use common::{agent, start_devnet, wasm};
use devnet_server::cli::client;
use ic_agent::identity::BasicIdentity;
use ic_management_canister_types::CanisterInstallMode;

struct Got {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

async fn get(base: &str, host: Option<&str>, path: &str) -> Got {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(host) = host {
        request = request.header("host", host);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    Got { status, headers, body: response.text().await.unwrap() }
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
    let got = get(&base, Some(&host), "/hello?x=1").await;
    assert_eq!((got.status, got.body.as_str()), (200, "GET /hello?x=1"), "certification skipped by the canister");
    assert_eq!(got.headers.get_all("content-type").iter().count(), 1, "one content-type: {:?}", got.headers);
    assert_eq!(got.header("content-type"), Some("text/plain"));

    let got = get(&base, None, &format!("/page?canisterId={id}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, format!("GET /page?canisterId={id}"));

    let got = get(&base, Some(&host), "/update").await;
    assert_eq!(got.body, "updated 2");
    let got = get(&base, Some(&host), "/update").await;
    assert_eq!(got.body, "updated 3", "the upgrade ran as an update call");

    let got = get(&base, Some(&host), "/stream").await;
    assert_eq!((got.status, got.body.as_str()), (200, "chunk0;chunk1;chunk2;chunk3;"));

    let got = get(&base, Some(&host), "/missing").await;
    assert_eq!(got.status, 404);
    devnet.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn verifies_certification_as_the_ic_gateway_does() {
    let devnet = start_devnet().await;
    let base = devnet.server.url();
    let agent = agent(&base, BasicIdentity::from_raw_key(&[52; 32])).await;
    let id = client::create_canister(&agent, None, None).await.unwrap();
    client::install(&agent, id, wasm("devnet-server-http"), candid::encode_args(()).unwrap(), CanisterInstallMode::Install)
        .await
        .unwrap();
    let request = r#"(record { method = "GET"; url = "/"; headers = vec {}; body = blob ""; certificate_version = null })"#;
    client::call_text(&agent, id, "http_request_update", request, false).await.unwrap();
    let host = format!("{id}.localhost:{}", devnet.server.addr.port());

    let got = get(&base, Some(&host), "/certified").await;
    assert_eq!((got.status, got.body.as_str()), (200, "certified body"));
    assert_eq!(got.header("x-certified"), Some("yes"), "certified headers reach the client");
    assert_eq!(got.header("x-uncertified"), None, "headers outside the certification are dropped");
    assert_eq!(got.headers.get_all("content-type").iter().count(), 1);

    for path in ["/forged", "/uncertified"] {
        let got = get(&base, Some(&host), path).await;
        assert_eq!(got.status, 500, "{path}: {}", got.body);
        assert!(got.body.contains("Response verification failed"), "{path}: {}", got.body);
        assert!(!got.body.contains("nobody vouches") && !got.body.contains("does not cover"), "the body is withheld");
    }
    // Raw domains are served unverified, as on the IC.
    let got = get(&base, Some(&format!("{id}.raw.localhost:{}", devnet.server.addr.port())), "/uncertified").await;
    assert_eq!((got.status, got.body.as_str()), (200, "nobody vouches for this"));

    let unknown = Principal::from_text("ryjl3-tyaaa-aaaaa-aaaba-cai").unwrap();
    let got = get(&base, Some(&format!("{unknown}.localhost")), "/").await;
    assert_eq!(got.status, 404, "{}", got.body);
    let got = get(&base, None, "/").await;
    assert_eq!(got.status, 404);
    assert!(got.body.contains("canisterId"), "{}", got.body);
    devnet.stop().await.unwrap();
}
