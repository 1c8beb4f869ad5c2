//! Calls to canisters with ic-agent. Logged out, the agent signs nothing (anonymous). Logged in, requests
//! are built and signed here with the session's WebCrypto key (asynchronous, which ic-agent's synchronous
//! `Identity` cannot be) and submitted with the agent's `*_signed` calls, which still verify the replies
//! (query signatures, certificates) against the root key.
use candid::utils::{ArgumentDecoder, ArgumentEncoder};
use candid::Principal;
use ic_agent::agent::{CallResponse, EnvelopeContent};
use ic_agent::hash_tree::Label;
use ic_agent::Agent;
use icto_shared::app_config::AppConfig;
use std::sync::Arc;

use crate::auth::Session;
use crate::browser::{now_nanos, performance_now, record_query};

/// How long a signed request stays valid (ic-agent's default; the IC accepts up to five minutes).
const INGRESS_EXPIRY_NANOS: u64 = 3 * 60 * 1_000_000_000;

/// What every page needs to reach the network: the config and, on local networks, the root key.
#[derive(Clone)]
pub struct Network {
    pub config: Arc<AppConfig>,
    root_key: Option<Vec<u8>>,
}

impl Network {
    /// Fetches the root key once at startup where the config says the network is local.
    pub async fn connect(config: AppConfig) -> Result<Network, String> {
        let mut network = Network { config: Arc::new(config), root_key: None };
        if network.config.fetch_root_key {
            let agent = network.agent()?;
            agent.fetch_root_key().await.map_err(|e| format!("cannot reach the network: {e}"))?;
            network.root_key = Some(agent.read_root_key());
        }
        Ok(network)
    }

    /// An anonymous agent: it submits requests the session signed and reads anonymously what needs no caller.
    fn agent(&self) -> Result<Agent, String> {
        let agent = Agent::builder().with_url(self.config.network_url.clone()).build().map_err(|e| e.to_string())?;
        if let Some(key) = &self.root_key {
            agent.set_root_key(key.clone());
        }
        Ok(agent)
    }

    pub fn connection(&self, session: Option<Session>) -> Result<Connection, String> {
        Ok(Connection { agent: self.agent()?, session })
    }
}

/// An agent and, when logged in, the session that signs the requests.
#[derive(Clone)]
pub struct Connection {
    pub agent: Agent,
    pub session: Option<Session>,
}

/// A canister client bound to one connection.
pub struct Client {
    pub connection: Connection,
    pub canister: Principal,
}

fn expiry() -> u64 {
    now_nanos() + INGRESS_EXPIRY_NANOS
}

fn nonce() -> Result<Vec<u8>, String> {
    let mut nonce = vec![0u8; 16];
    getrandom_04::fill(&mut nonce).map_err(|e| e.to_string())?;
    Ok(nonce)
}

impl Client {
    pub fn new(connection: Connection, canister: Principal) -> Client {
        Client { connection, canister }
    }

    pub async fn query<A: ArgumentEncoder, R: for<'a> ArgumentDecoder<'a>>(&self, method: &str, args: A) -> Result<R, String> {
        let arg = candid::encode_args(args).map_err(|e| e.to_string())?;
        let started = performance_now();
        let reply = self.query_raw(method, arg).await;
        record_query(method, started);
        let reply = reply.map_err(|e| format!("{method}: {e}"))?;
        candid::decode_args(&reply).map_err(|e| format!("{method}: cannot read the reply: {e}"))
    }

    pub async fn update<A: ArgumentEncoder, R: for<'a> ArgumentDecoder<'a>>(&self, method: &str, args: A) -> Result<R, String> {
        let arg = candid::encode_args(args).map_err(|e| e.to_string())?;
        let reply = self.update_raw(method, arg).await.map_err(|e| format!("{method}: {e}"))?;
        candid::decode_args(&reply).map_err(|e| format!("{method}: cannot read the reply: {e}"))
    }

    async fn query_raw(&self, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, String> {
        let agent = &self.connection.agent;
        let Some(session) = &self.connection.session else {
            return agent.query(&self.canister, method).with_arg(arg).call().await.map_err(|e| e.to_string());
        };
        let content = EnvelopeContent::Query {
            ingress_expiry: expiry(),
            sender: session.principal(),
            canister_id: self.canister,
            method_name: method.to_string(),
            arg,
            nonce: None,
            sender_info: None,
        };
        let signed = session.sign_request(&content).await?;
        agent.query_signed(self.canister, signed).await.map_err(|e| e.to_string())
    }

    async fn update_raw(&self, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, String> {
        let agent = &self.connection.agent;
        let Some(session) = &self.connection.session else {
            return agent.update(&self.canister, method).with_arg(arg).call_and_wait().await.map_err(|e| e.to_string());
        };
        let content = EnvelopeContent::Call {
            nonce: Some(nonce()?),
            ingress_expiry: expiry(),
            sender: session.principal(),
            canister_id: self.canister,
            method_name: method.to_string(),
            arg,
            sender_info: None,
        };
        let signed = session.sign_request(&content).await?;
        match agent.update_signed(self.canister, signed).await.map_err(|e| e.to_string())? {
            CallResponse::Response(reply) => Ok(reply),
            CallResponse::Poll(request_id) => {
                // The outcome is read with a request_status signed by the same sender, as the IC requires.
                let status = EnvelopeContent::ReadState {
                    ingress_expiry: expiry(),
                    sender: session.principal(),
                    paths: vec![vec![Label::from("request_status"), Label::from(request_id.to_vec())]],
                };
                let signed_status = session.sign_request(&status).await?;
                let (reply, _certificate) =
                    agent.wait_signed(&request_id, self.canister, signed_status).await.map_err(|e| e.to_string())?;
                Ok(reply)
            }
        }
    }
}
