//! A paid deployment's ticket in sessionStorage: its request key (generated once), whether the payment was
//! approved and `deploy` sent, and the request itself (Candid, hex). A reload mid-way resumes the same
//! deployment and the backend answers it from its record instead of charging again. Each wizard keeps its
//! form beside it (`save_form` / `load_form`) under its own key.
use icto_shared::backend::ContractRequest;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::browser::{session_get, session_remove, session_set};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// The backend's idempotency key for this deployment.
    pub request_key: String,
    /// The payment approval went through: resuming skips straight to `deploy`.
    pub approved: bool,
    /// `deploy` was (or is being) sent with this key: a reload resumes the progress view.
    pub deploying: bool,
    /// The request confirmed in the review, Candid-encoded as hex (what `deploy` sends, byte for byte).
    #[serde(default)]
    pub request: Option<String>,
}

impl Ticket {
    pub fn fresh() -> Ticket {
        Ticket { request_key: new_request_key(), approved: false, deploying: false, request: None }
    }

    /// The stored ticket; one whose approval is not known to have happened goes back to the form, with
    /// the same key.
    pub fn load(key: &str) -> Option<Ticket> {
        let ticket: Ticket = serde_json::from_str(&session_get(&ticket_key(key))?).ok()?;
        Some(if ticket.deploying && !ticket.approved { Ticket { deploying: false, ..ticket } } else { ticket })
    }

    pub fn save(&self, key: &str) {
        if let Ok(text) = serde_json::to_string(self) {
            session_set(&ticket_key(key), &text);
        }
    }

    /// Forgets the ticket (its key is done with); the form stays for the next one.
    pub fn clear(key: &str) {
        session_remove(&ticket_key(key));
    }

    /// Whether a reload should resume the progress view.
    pub fn resumes(&self) -> bool {
        self.deploying && self.approved && self.request.is_some()
    }

    pub fn set_request(&mut self, request: &ContractRequest) {
        self.request = candid::encode_one(request).ok().map(hex::encode);
    }

    pub fn request(&self) -> Option<ContractRequest> {
        let bytes = hex::decode(self.request.as_deref()?).ok()?;
        candid::decode_one(&bytes).ok()
    }
}

fn ticket_key(key: &str) -> String {
    format!("{key}:ticket")
}

pub fn load_form<F: DeserializeOwned>(key: &str) -> Option<F> {
    serde_json::from_str(&session_get(key)?).ok()
}

pub fn save_form<F: Serialize>(key: &str, form: &F) {
    if let Ok(text) = serde_json::to_string(form) {
        session_set(key, &text);
    }
}

/// 128 random bits as hex: unique per deployment without coordination (the backend allows 64 bytes).
fn new_request_key() -> String {
    let mut bytes = [0u8; 16];
    let _ = getrandom_04::fill(&mut bytes);
    hex::encode(bytes)
}
