//! The must-show login: the provider's page flow through devnet's HTTP gateway (`POST /api/prepare`, then
//! `GET /api/delegation`, as the page's script does) yields a canister-signature delegation to a P-256
//! session key (the browser's WebCrypto key type); ic-agent accepts the chain against devnet's root key,
//! and devnet authenticates the requests it signs as the user's principal. A tampered signature is refused.
use candid::{Encode, Principal};
use test_kit::wasm::built as wasm;
use devnet_server::cli::client;
use devnet_server::launch::{launch, LaunchConfig};
use ic_agent::identity::{BasicIdentity, DelegatedIdentity, Delegation, Prime256v1Identity, SignedDelegation};
use ic_agent::{Agent, Identity};
use ic_management_canister_types::CanisterInstallMode;

const APP: &str = "http://app.localhost:4943";

async fn agent(url: &str, identity: impl Identity + 'static) -> Agent {
    let agent = Agent::builder().with_url(url).with_identity(identity).build().unwrap();
    agent.fetch_root_key().await.unwrap();
    agent
}

async fn json(response: reqwest::Response) -> serde_json::Value {
    let status = response.status();
    let bytes = response.bytes().await.unwrap();
    assert!(status.is_success(), "HTTP {status}: {}", String::from_utf8_lossy(&bytes));
    serde_json::from_slice(&bytes).unwrap()
}

fn session_key() -> Prime256v1Identity {
    Prime256v1Identity::from_private_key(p256::SecretKey::from_slice(&[5; 32]).unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_login_through_the_page_yields_a_canister_signature_devnet_and_ic_agent_accept() {
    let devnet = launch(LaunchConfig::default()).await.expect("devnet starts");
    let url = devnet.server.url();
    let deployer = agent(&url, BasicIdentity::from_raw_key(&[3; 32])).await;
    let provider = client::create_canister(&deployer, None, None).await.unwrap();
    client::install(&deployer, provider, wasm("dev_identity"), Encode!(&None::<()>).unwrap(), CanisterInstallMode::Install)
        .await
        .unwrap();
    let probe = client::create_canister(&deployer, None, None).await.unwrap();
    client::install(&deployer, probe, wasm("devnet-probe"), Encode!().unwrap(), CanisterInstallMode::Install).await.unwrap();

    let http = reqwest::Client::new();
    let host = format!("{provider}.localhost:{}", devnet.server.addr.port());
    let page = http.get(format!("{url}/")).header("host", &host).send().await.unwrap();
    assert_eq!(page.status(), 200, "the gateway verifies the page's certified skip");
    assert!(page.text().await.unwrap().contains("authorize-client-success"));

    let session_public_key = session_key().public_key().unwrap();
    let prepare = serde_json::json!({
        "user": "alice",
        "origin": APP,
        "sessionPublicKey": hex::encode(&session_public_key),
        "maxTimeToLive": "600000000000",
    });
    let prepared = json(
        http.post(format!("{url}/api/prepare"))
            .header("host", &host)
            .header("content-type", "application/json")
            .body(prepare.to_string())
            .send()
            .await
            .unwrap(),
    )
    .await;
    let expiration = prepared["expiration"].as_str().unwrap();
    let query = format!("user=alice&origin=http%3A%2F%2Fapp.localhost%3A4943&pubkey={}&expiration={expiration}", hex::encode(&session_public_key));
    let signed = json(http.get(format!("{url}/api/delegation?{query}")).header("host", &host).send().await.unwrap()).await;

    let user_public_key = hex::decode(prepared["userPublicKey"].as_str().unwrap()).unwrap();
    assert!(ic_canister_sig_creation::CanisterSigPublicKey::try_from(user_public_key.as_slice()).is_ok(), "a canister signature key");
    let delegation = Delegation {
        pubkey: hex::decode(signed["delegation"]["pubkey"].as_str().unwrap()).unwrap(),
        expiration: expiration.parse().unwrap(),
        targets: None,
        permissions: None,
    };
    let signature = hex::decode(signed["signature"].as_str().unwrap()).unwrap();
    let chain = vec![SignedDelegation { delegation, signature }];
    let root_key = std::fs::read(&devnet.root_key_path).unwrap();
    let identity = DelegatedIdentity::new_with_root_key(user_public_key.clone(), Box::new(session_key()), chain.clone(), &root_key)
        .expect("ic-agent accepts the provider's delegation chain");

    let user = agent(&url, identity).await;
    let caller = user.update(&probe, "whoami").with_arg(Encode!().unwrap()).call_and_wait().await.expect("devnet accepts the update");
    let caller: Principal = candid::decode_one(&caller).unwrap();
    assert_eq!(caller.to_text(), prepared["principal"].as_str().unwrap(), "the canister sees the user's principal");
    let queried = user.query(&probe, "whoami_query").with_arg(Encode!().unwrap()).call().await.expect("devnet accepts the query");
    assert_eq!(candid::decode_one::<Principal>(&queried).unwrap(), caller);
    let listed = deployer
        .query(&provider, "user_principal")
        .with_arg(Encode!(&"alice".to_string(), &APP.to_string()).unwrap())
        .call()
        .await
        .unwrap();
    assert_eq!(candid::decode_one::<Result<Principal, candid::Reserved>>(&listed).unwrap().unwrap(), caller);

    let mut forged = chain;
    let last = forged[0].signature.len() - 40;
    forged[0].signature[last] ^= 1;
    let forged = DelegatedIdentity::new_unchecked(user_public_key, Box::new(session_key()), forged);
    let refused = agent(&url, forged).await.update(&probe, "whoami").with_arg(Encode!().unwrap()).call_and_wait().await;
    let message = format!("{:?}", refused.expect_err("a tampered canister signature is refused"));
    assert!(message.contains("canister signature"), "{message}");
    devnet.stop().await.unwrap();
}
