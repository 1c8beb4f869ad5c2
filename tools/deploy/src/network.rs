//! What the deploy needs from a network: create canisters, install code, call them. `agent::AgentNetwork`
//! speaks the IC HTTP interface (devnet's server, a replica, mainnet); the test kit implements it on the
//! devnet library, so tests deploy the platform exactly as this tool does.

use anyhow::{anyhow, Context};
use candid::utils::{ArgumentDecoder, ArgumentEncoder};
use candid::Principal;

#[allow(async_fn_in_trait)]
pub trait Network {
    /// The identity that creates and controls the platform's canisters.
    fn deployer(&self) -> Principal;
    /// A new canister controlled by the deployer with `cycles`, at `specified_id` when given.
    async fn create_canister(&self, specified_id: Option<Principal>, cycles: u128) -> anyhow::Result<Principal>;
    /// Installs `wasm` on an empty canister, or upgrades the code of one that has it (state kept).
    async fn install(&self, canister: Principal, mode: InstallMode, wasm: Vec<u8>, arg: Vec<u8>) -> anyhow::Result<()>;
    /// An update call by the deployer; the reply's Candid bytes.
    async fn update(&self, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>>;
    /// A query by the deployer; the reply's Candid bytes.
    async fn query(&self, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>>;
    /// An update call signed as a test user, signed in through the dev identity provider (local only).
    async fn update_as(&self, user: &SignedInUser, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>>;
}

/// How a step puts its canister's code in place: a first deploy installs, a re-run upgrades (the
/// canister's stable memory, so every user's data, is kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstallMode {
    Install,
    Upgrade,
}

/// A test user as the app signs them in: their name at the dev identity provider for the app's origin.
#[derive(Clone, Debug)]
pub struct SignedInUser {
    pub dev_identity: Principal,
    pub origin: String,
    pub name: String,
    pub principal: Principal,
}

/// An update call signed as `user`, with Candid arguments, decoding the reply as `R`.
pub async fn update_as<N: Network, A: ArgumentEncoder, R: for<'a> ArgumentDecoder<'a>>(
    net: &N,
    user: &SignedInUser,
    canister: Principal,
    method: &str,
    args: A,
) -> anyhow::Result<R> {
    decode_reply(net.update_as(user, canister, method, candid::encode_args(args)?).await, canister, method)
}

/// An update call with Candid arguments, decoding the reply as `R`.
pub async fn update<N: Network, A: ArgumentEncoder, R: for<'a> ArgumentDecoder<'a>>(
    net: &N,
    canister: Principal,
    method: &str,
    args: A,
) -> anyhow::Result<R> {
    decode_reply(net.update(canister, method, candid::encode_args(args)?).await, canister, method)
}

/// A query with Candid arguments, decoding the reply as `R`.
pub async fn query<N: Network, A: ArgumentEncoder, R: for<'a> ArgumentDecoder<'a>>(
    net: &N,
    canister: Principal,
    method: &str,
    args: A,
) -> anyhow::Result<R> {
    decode_reply(net.query(canister, method, candid::encode_args(args)?).await, canister, method)
}

fn decode_reply<R: for<'a> ArgumentDecoder<'a>>(reply: anyhow::Result<Vec<u8>>, canister: Principal, method: &str) -> anyhow::Result<R> {
    let reply = reply.with_context(|| format!("{method} on {canister}"))?;
    candid::decode_args(&reply).map_err(|e| anyhow!("the reply of {method} on {canister} does not decode: {e}"))
}
