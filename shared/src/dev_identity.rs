//! Candid types of the development identity provider (local networks only), as its callers see them:
//! the deploy tool registers test users and reads their principals, tests request delegations.

use candid::{CandidType, Deserialize, Principal};
use serde::Serialize;

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct InitArgs {
    /// 32 bytes; every user key derives from it. Default: derived from the canister id (a dev tool:
    /// anyone who knows the seed can act as any test user).
    pub seed: Option<serde_bytes::ByteBuf>,
    /// Users listed on the page from the start; default alice, bob, carol.
    pub users: Option<Vec<String>>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DelegateArgs {
    pub user: String,
    /// The app's origin, e.g. `http://<canister-id>.localhost:4943`; each origin gets its own principal.
    pub origin: String,
    #[serde(with = "serde_bytes")]
    pub session_public_key: Vec<u8>,
    /// Nanoseconds; capped at 30 days, default 8 hours.
    pub max_time_to_live: Option<u64>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Delegation {
    #[serde(with = "serde_bytes")]
    pub pubkey: Vec<u8>,
    pub expiration: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct SignedDelegation {
    pub delegation: Delegation,
    #[serde(with = "serde_bytes")]
    pub signature: Vec<u8>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DelegationReply {
    #[serde(with = "serde_bytes")]
    pub user_public_key: Vec<u8>,
    pub principal: Principal,
    pub delegation: SignedDelegation,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum DevIdentityError {
    InvalidUserName(String),
    InvalidOrigin(String),
    InvalidSessionKey(String),
    TooManyUsers { limit: u32 },
}
