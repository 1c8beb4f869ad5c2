//! Candid types of the development identity provider (local networks only); the shapes follow Internet
//! Identity's delegation API. The deploy tool registers test users and reads their principals; tests
//! request delegations.
use candid::{CandidType, Deserialize, Principal};

#[derive(CandidType, Deserialize, Clone, Debug, Default)]
pub struct InitArgs {
    /// Users listed on the page from the start; default alice, bob, carol.
    pub users: Option<Vec<String>>,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PrepareDelegationArgs {
    pub user: String,
    /// The app's origin, e.g. `http://<canister-id>.localhost:4943`; each origin gets its own principal.
    pub origin: String,
    #[serde(with = "serde_bytes")]
    pub session_public_key: Vec<u8>,
    /// Nanoseconds; capped at 30 days, default 8 hours.
    pub max_time_to_live: Option<u64>,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PreparedDelegation {
    /// DER of the user's canister-signature public key (this canister's id and the user's seed).
    #[serde(with = "serde_bytes")]
    pub user_public_key: Vec<u8>,
    pub principal: Principal,
    pub expiration: u64,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct GetDelegationArgs {
    pub user: String,
    pub origin: String,
    #[serde(with = "serde_bytes")]
    pub session_public_key: Vec<u8>,
    /// The expiration `prepare_delegation` returned.
    pub expiration: u64,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Delegation {
    #[serde(with = "serde_bytes")]
    pub pubkey: Vec<u8>,
    pub expiration: u64,
    pub targets: Option<Vec<Principal>>,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SignedDelegation {
    pub delegation: Delegation,
    /// A canister signature: CBOR of the data certificate and the witness of `sig/<seed hash>/<message hash>`.
    #[serde(with = "serde_bytes")]
    pub signature: Vec<u8>,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum DevIdentityError {
    InvalidUserName(String),
    InvalidOrigin(String),
    InvalidSessionKey(String),
    TooManyUsers { limit: u32 },
    /// The random salt user keys derive from is not drawn yet (it is, on the first update call).
    NotReady(String),
    /// `get_delegation` without a matching `prepare_delegation` in the last minute.
    NoSuchDelegation(String),
}
