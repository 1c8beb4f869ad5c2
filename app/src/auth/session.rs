//! A login session: the WebCrypto session key plus the delegation chain from the user's key to it.
//! Kept in IndexedDB so a reload stays logged in until the delegation expires.
use candid::Principal;
use ic_agent::agent::{Envelope, EnvelopeContent};
use ic_agent::identity::{Delegation, SignedDelegation};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use super::session_key::{self, SessionKey};
use crate::browser::now_nanos;

/// One delegation of the chain as stored (hex byte strings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredDelegation {
    pub pubkey: String,
    pub expiration: u64,
    #[serde(default)]
    pub targets: Option<Vec<Principal>>,
    pub signature: String,
}

#[derive(Serialize, Deserialize)]
struct StoredChain {
    /// Hex of the DER public key of the user (the delegation chain's root).
    user_public_key: String,
    delegations: Vec<StoredDelegation>,
}

#[derive(Clone, Debug)]
pub struct Session {
    key: SessionKey,
    user_public_key: Vec<u8>,
    delegations: Vec<SignedDelegation>,
}

/// One session key speaks for one user: the key and the user's key identify the session.
impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.user_public_key == other.user_public_key
    }
}

fn decode_chain(stored: &[StoredDelegation]) -> Result<Vec<SignedDelegation>, String> {
    stored
        .iter()
        .map(|d| {
            Ok(SignedDelegation {
                delegation: Delegation {
                    pubkey: hex::decode(&d.pubkey).map_err(|e| e.to_string())?,
                    expiration: d.expiration,
                    targets: d.targets.clone(),
                    permissions: None,
                },
                signature: hex::decode(&d.signature).map_err(|e| e.to_string())?,
            })
        })
        .collect()
}

fn encode_chain(chain: &[SignedDelegation]) -> Vec<StoredDelegation> {
    chain
        .iter()
        .map(|d| StoredDelegation {
            pubkey: hex::encode(&d.delegation.pubkey),
            expiration: d.delegation.expiration,
            targets: d.delegation.targets.clone(),
            signature: hex::encode(&d.signature),
        })
        .collect()
}

impl Session {
    pub fn new(key: SessionKey, user_public_key: Vec<u8>, delegations: &[StoredDelegation]) -> Result<Session, String> {
        Ok(Session { key, user_public_key, delegations: decode_chain(delegations)? })
    }

    pub fn principal(&self) -> Principal {
        Principal::self_authenticating(&self.user_public_key)
    }

    /// The earliest expiry in the chain (nanoseconds since the epoch).
    pub fn expiration(&self) -> u64 {
        self.delegations.iter().map(|d| d.delegation.expiration).min().unwrap_or(0)
    }

    pub fn is_expired(&self) -> bool {
        self.expiration() <= now_nanos()
    }

    /// The CBOR envelope of `content` (whose sender must be this session's principal), signed by the session
    /// key over the request id, with the delegation chain that lets it speak for the user.
    pub async fn sign_request(&self, content: &EnvelopeContent) -> Result<Vec<u8>, String> {
        let signature = self.key.sign(&content.to_request_id().signable()).await?;
        let envelope = Envelope {
            content: Cow::Borrowed(content),
            sender_pubkey: Some(self.user_public_key.clone()),
            sender_sig: Some(signature),
            sender_delegation: Some(self.delegations.clone()),
        };
        Ok(envelope.encode_bytes())
    }

    pub async fn save(&self) -> Result<(), String> {
        let chain = StoredChain { user_public_key: hex::encode(&self.user_public_key), delegations: encode_chain(&self.delegations) };
        session_key::save(&self.key, &serde_json::to_string(&chain).map_err(|e| e.to_string())?).await
    }

    /// The stored session, if there is one that has not expired (an expired one is deleted).
    pub async fn restore() -> Option<Session> {
        let (key, chain) = session_key::load().await.ok()??;
        let chain: StoredChain = serde_json::from_str(&chain).ok()?;
        let session = Session::new(key, hex::decode(&chain.user_public_key).ok()?, &chain.delegations).ok()?;
        if session.is_expired() {
            Session::forget().await;
            return None;
        }
        Some(session)
    }

    /// Deletes the stored session (key and chain).
    pub async fn forget() {
        let _ = session_key::clear().await;
    }
}
