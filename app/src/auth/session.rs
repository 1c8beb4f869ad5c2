//! A login session: an Ed25519 session key plus the delegation chain from the user's key to it.
//! Kept in localStorage so a reload stays logged in until the delegation expires.
use std::sync::Arc;

use candid::Principal;
use ic_agent::identity::{DelegatedIdentity, Delegation, SignedDelegation};
use ic_agent::Identity;
use serde::{Deserialize, Serialize};

use crate::browser::{now_nanos, storage_get, storage_remove, storage_set};

const STORAGE_KEY: &str = "icto.session";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredDelegation {
    pub pubkey: String,
    pub expiration: u64,
    #[serde(default)]
    pub targets: Option<Vec<Principal>>,
    pub signature: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Hex of the 32-byte Ed25519 session secret (never leaves this browser).
    pub session_secret: String,
    /// Hex of the DER public key of the user (the delegation chain's root).
    pub user_public_key: String,
    pub delegations: Vec<StoredDelegation>,
}

impl Session {
    pub fn principal(&self) -> Principal {
        Principal::self_authenticating(hex::decode(&self.user_public_key).unwrap_or_default())
    }

    /// The earliest expiry in the chain (nanoseconds since the epoch).
    pub fn expiration(&self) -> u64 {
        self.delegations.iter().map(|d| d.expiration).min().unwrap_or(0)
    }

    pub fn is_expired(&self) -> bool {
        self.expiration() <= now_nanos()
    }

    pub fn identity(&self) -> Result<Arc<dyn Identity>, String> {
        let secret: [u8; 32] = hex::decode(&self.session_secret)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("bad session key")?;
        let session_key = super::session_key::SessionKey::from_seed(&secret);
        let chain = self
            .delegations
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
            .collect::<Result<Vec<_>, String>>()?;
        let user_key = hex::decode(&self.user_public_key).map_err(|e| e.to_string())?;
        // The chain was checked by the provider and is checked again by the network on every call.
        let identity = DelegatedIdentity::new_unchecked(user_key, Box::new(session_key), chain);
        Ok(Arc::new(identity))
    }

    pub fn save(&self) {
        if let Ok(json) = serde_json::to_string(self) {
            storage_set(STORAGE_KEY, &json);
        }
    }

    /// The stored session, if there is one that has not expired.
    pub fn restore() -> Option<Session> {
        let session: Session = serde_json::from_str(&storage_get(STORAGE_KEY)?).ok()?;
        if session.is_expired() {
            storage_remove(STORAGE_KEY);
            return None;
        }
        Some(session)
    }

    pub fn clear() {
        storage_remove(STORAGE_KEY);
    }
}
