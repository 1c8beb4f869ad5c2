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
use crate::browser::{device_now_nanos, now_nanos, performance_now, record_query, set_network_clock_skew};

/// How long a signed request stays valid (ic-agent's default; the IC accepts up to five minutes).
const INGRESS_EXPIRY_NANOS: u64 = 3 * 60 * 1_000_000_000;

/// What every page needs to reach the network: the config and one agent for the app's life.
#[derive(Clone)]
pub struct Network {
    pub config: Arc<AppConfig>,
    /// Shared by every page (clones share its state): it keeps the subnets' node keys it has verified, which
    /// each query's signature check needs. An agent per page fetched and BLS-verified them again for every
    /// canister a page read at once: most of the dashboard's time (docs/benchmarks.md).
    agent: Agent,
}

impl Network {
    /// Builds the agent, fetches the root key where the config says the network is local, and learns the
    /// platform's subnets before any page queries them.
    pub async fn connect(config: AppConfig) -> Result<Network, String> {
        let mut agent = Agent::builder().with_url(config.network_url.clone()).build().map_err(|e| e.to_string())?;
        if config.fetch_root_key {
            agent.fetch_root_key().await.map_err(|e| format!("cannot reach the network: {e}"))?;
        }
        // Requests carry an expiry the IC checks against its own time: learn how far this device's clock
        // is off first (a failure leaves the device's clock in charge, as before).
        let probe_canister = config.canisters.backend.unwrap_or(config.canisters.payment_ledger);
        if let Some(skew) = measure_clock_skew(&config.network_url, &agent, probe_canister).await {
            set_network_clock_skew(skew);
            // ic-agent dates its own (anonymous) requests by the device's clock: stretch its expiry by
            // how far the network is ahead. A device ahead of the network keeps the default, which the
            // IC's five minutes plus drift still take.
            if skew > 0 {
                if let Some(rebuilt) = agent_with_expiry(&config.network_url, &agent, INGRESS_EXPIRY_NANOS + skew as u64) {
                    agent = rebuilt;
                }
            }
        }
        let network = Network { config: Arc::new(config), agent };
        network.learn_subnets().await;
        Ok(network)
    }

    /// Reads and verifies the node keys of the subnets the platform's canisters are on: the backend's first
    /// (on one subnet it covers them all), then the others at once (the payment ledger may be elsewhere).
    /// Failures are left to the queries, which fetch what they miss themselves.
    async fn learn_subnets(&self) {
        let ids = &self.config.canisters;
        let first = ids.backend.unwrap_or(ids.payment_ledger);
        let _ = self.agent.get_subnet_by_canister(&first).await;
        let others =
            [Some(ids.payment_ledger), Some(ids.token_factory), ids.invoice_storage, ids.audit_storage, ids.distribution_factory, ids.multisig_factory];
        futures::future::join_all(others.into_iter().flatten().map(|id| {
            let agent = self.agent.clone();
            async move {
                let _ = agent.get_subnet_by_canister(&id).await;
            }
        }))
        .await;
    }

    pub fn connection(&self, session: Option<Session>) -> Result<Connection, String> {
        Ok(Connection { agent: self.agent.clone(), session })
    }
}

/// An agent like `agent` (same network and root key) whose own requests expire `expiry_nanos` after the
/// device's now.
fn agent_with_expiry(url: &str, agent: &Agent, expiry_nanos: u64) -> Option<Agent> {
    let rebuilt = Agent::builder().with_url(url).with_ingress_expiry(std::time::Duration::from_nanos(expiry_nanos)).build().ok()?;
    rebuilt.set_root_key(agent.read_root_key());
    Some(rebuilt)
}

/// Expiries (minutes after the device's now) to read the network's time with. The IC takes a request whose
/// expiry lies within five minutes after its own time, and ic-agent rounds an expiry down to the minute,
/// so an expiry of x minutes is taken when the network is x-5 to x-1 minutes ahead: steps of four cover a
/// device two minutes ahead to half an hour behind. The first one fits every well-set clock.
const PROBE_EXPIRY_MINUTES: [u64; 8] = [3, 7, 11, 15, 19, 23, 27, 31];

/// The network's certified time minus the device's clock, from a `read_state` of `/time` (verified against
/// the root key like every certificate). The read itself needs an expiry the network takes, which depends
/// on the skew it measures: it tries the expiries above in turn.
async fn measure_clock_skew(url: &str, agent: &Agent, canister: Principal) -> Option<i64> {
    for minutes in PROBE_EXPIRY_MINUTES {
        let probe = agent_with_expiry(url, agent, minutes * 60 * 1_000_000_000)?;
        let sent = device_now_nanos();
        let Ok(certificate) = probe.read_state_raw(vec![vec![Label::from("time")]], canister).await else { continue };
        let received = device_now_nanos();
        let network = read_leb128(ic_agent::lookup_value(&certificate, [b"time".as_slice()]).ok()?)?;
        // The certificate was made between sending and receiving: compare with the middle.
        let device = sent / 2 + received / 2;
        return Some(network as i64 - device as i64);
    }
    None
}

/// An unsigned LEB128 number (how the state tree stores `/time`).
fn read_leb128(bytes: &[u8]) -> Option<u64> {
    let mut value: u64 = 0;
    for (i, byte) in bytes.iter().enumerate().take(10) {
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::read_leb128;

    #[test]
    fn leb128_reads_the_state_tree_time() {
        assert_eq!(read_leb128(&[0]), Some(0));
        assert_eq!(read_leb128(&[0xe5, 0x8e, 0x26]), Some(624_485));
        // A time in 2026 takes nine bytes.
        let t: u64 = 1_796_031_600_936_659_535;
        let mut bytes = vec![];
        let mut v = t;
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                bytes.push(b);
                break;
            }
            bytes.push(b | 0x80);
        }
        assert_eq!(read_leb128(&bytes), Some(t));
        assert_eq!(read_leb128(&[0x80, 0x80]), None, "unterminated");
        assert_eq!(read_leb128(&[]), None);
    }
}
