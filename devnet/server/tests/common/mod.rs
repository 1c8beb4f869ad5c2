//! Shared test support: start servers in-process on random ports, load canister wasm, build agents.
#![allow(dead_code)]

#[path = "../../../test-canisters/built.rs"]
mod built;
pub mod fake_replica;

use candid::Principal;
use devnet_server::cli::client;
use devnet_server::launch::{launch, LaunchConfig, Launched};
use devnet_server::node_key::NodeKey;
use devnet_server::replica::Replica;
use devnet_server::server::{serve, RunningServer};
use ic_agent::{Agent, Identity};
use ic_management_canister_types::CanisterInstallMode;
use std::sync::Arc;

pub async fn start_server(replica: Arc<dyn Replica>) -> RunningServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    serve(replica, NodeKey::random(), None, listener).unwrap()
}

/// A real devnet (canister wasm under wasmtime), in memory, on a random port.
pub async fn start_devnet() -> Launched {
    launch(LaunchConfig::default()).await.expect("devnet starts")
}

/// An agent with default settings (query signature verification on) that trusts the server's root key.
pub async fn agent(url: &str, identity: impl Identity + 'static) -> Agent {
    let agent = Agent::builder().with_url(url).with_identity(identity).build().unwrap();
    agent.fetch_root_key().await.unwrap();
    agent
}

pub use built::wasm;

/// Creates a canister controlled by the agent's identity and installs the counter on it.
pub async fn deploy_counter(agent: &Agent) -> Principal {
    let id = client::create_canister(agent, None, None).await.expect("create_canister");
    client::install(agent, id, wasm("devnet-counter"), candid::encode_args(()).unwrap(), CanisterInstallMode::Install)
        .await
        .expect("install counter");
    id
}

pub fn counter_arg() -> Vec<u8> {
    candid::encode_args(()).unwrap()
}
