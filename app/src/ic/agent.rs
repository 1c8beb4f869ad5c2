//! Builds ic-agent agents for the configured network, anonymous or with the logged-in session.
use candid::utils::{ArgumentDecoder, ArgumentEncoder};
use candid::Principal;
use ic_agent::Agent;
use icto_shared::app_config::AppConfig;
use std::sync::Arc;

use crate::auth::Session;

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
            let agent = network.agent(None)?;
            agent.fetch_root_key().await.map_err(|e| format!("cannot reach the network: {e}"))?;
            network.root_key = Some(agent.read_root_key());
        }
        Ok(network)
    }

    pub fn agent(&self, session: Option<&Session>) -> Result<Agent, String> {
        let mut builder = Agent::builder().with_url(self.config.network_url.clone());
        if let Some(session) = session {
            builder = builder.with_arc_identity(session.identity()?);
        }
        let agent = builder.build().map_err(|e| e.to_string())?;
        if let Some(key) = &self.root_key {
            agent.set_root_key(key.clone());
        }
        Ok(agent)
    }
}

/// A canister client bound to one agent.
pub struct Client {
    pub agent: Agent,
    pub canister: Principal,
}

impl Client {
    pub async fn query<A: ArgumentEncoder, R: for<'a> ArgumentDecoder<'a>>(&self, method: &str, args: A) -> Result<R, String> {
        let arg = candid::encode_args(args).map_err(|e| e.to_string())?;
        let reply = self
            .agent
            .query(&self.canister, method)
            .with_arg(arg)
            .call()
            .await
            .map_err(|e| format!("{method}: {e}"))?;
        candid::decode_args(&reply).map_err(|e| format!("{method}: cannot read the reply: {e}"))
    }

    pub async fn update<A: ArgumentEncoder, R: for<'a> ArgumentDecoder<'a>>(&self, method: &str, args: A) -> Result<R, String> {
        let arg = candid::encode_args(args).map_err(|e| e.to_string())?;
        let reply = self
            .agent
            .update(&self.canister, method)
            .with_arg(arg)
            .call_and_wait()
            .await
            .map_err(|e| format!("{method}: {e}"))?;
        candid::decode_args(&reply).map_err(|e| format!("{method}: cannot read the reply: {e}"))
    }
}
