//! The wizard's draft in sessionStorage: the form and its request key, generated once, so that a reload
//! mid-way resumes the same deployment and the backend answers it from its record instead of charging again.
use serde::{Deserialize, Serialize};

use super::form::TokenForm;
use crate::browser::{session_get, session_remove, session_set};

const STORAGE_KEY: &str = "icto:deploy-token";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub form: TokenForm,
    /// The backend's idempotency key for this deployment.
    pub request_key: String,
    /// The payment approval went through: resuming skips straight to `deploy`.
    pub approved: bool,
    /// `deploy` was (or is being) sent with this key: a reload resumes the progress view.
    pub deploying: bool,
}

impl Draft {
    pub fn fresh(form: TokenForm) -> Draft {
        Draft { form, request_key: new_request_key(), approved: false, deploying: false }
    }

    pub fn load() -> Option<Draft> {
        serde_json::from_str(&session_get(STORAGE_KEY)?).ok()
    }

    pub fn save(&self) {
        if let Ok(text) = serde_json::to_string(self) {
            session_set(STORAGE_KEY, &text);
        }
    }

    pub fn clear() {
        session_remove(STORAGE_KEY);
    }
}

/// 128 random bits as hex: unique per deployment without coordination (the backend allows 64 bytes).
fn new_request_key() -> String {
    let mut bytes = [0u8; 16];
    let _ = getrandom_04::fill(&mut bytes);
    hex::encode(bytes)
}
