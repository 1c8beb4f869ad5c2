//! The web app's runtime configuration: written by the deploy tool as `/config.json` and uploaded with the
//! app's files, so no canister id or network address is compiled into the app.

use candid::Principal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppConfig {
    /// Base URL of the IC HTTP interface (devnet locally, `https://icp-api.io` on mainnet).
    pub network_url: String,
    /// Only for local networks: the app fetches the root key from `/api/v2/status`.
    /// On mainnet the agent's built-in root key is used.
    pub fetch_root_key: bool,
    /// Page of the Internet Identity provider (the real II on mainnet, the dev provider locally).
    pub identity_provider_url: String,
    pub canisters: CanisterIds,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CanisterIds {
    pub token_factory: Principal,
    /// The ledger of the token users pay fees with (the ICP ledger on mainnet).
    pub payment_ledger: Principal,
    pub assets: Principal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dev_identity: Option<Principal>,
    /// The gateway every paid deployment goes through (and the registry of who relates to what).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend: Option<Principal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_storage: Option<Principal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_storage: Option<Principal>,
    /// Deploys distribution campaigns and indexes them by creator and recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution_factory: Option<Principal>,
    /// Deploys multisig wallets and indexes them by creator, signer and observer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multisig_factory: Option<Principal>,
}
