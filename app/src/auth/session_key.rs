//! The session key: a non-extractable ECDSA P-256 WebCrypto key (`session_store.js`), kept in IndexedDB
//! with the delegation chain. WebCrypto signs asynchronously while ic-agent's `Identity::sign` is
//! synchronous, so the session signs whole requests itself (`Session::sign_request`) and the agent submits
//! them signed (`ic/agent.rs`).
use js_sys::{Object, Reflect, Uint8Array};
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::js_error;

#[wasm_bindgen(module = "/src/auth/session_store.js")]
extern "C" {
    #[wasm_bindgen(js_name = generateSessionKey, catch)]
    async fn generate_session_key() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = signWithSessionKey, catch)]
    async fn sign_with_session_key(key_pair: &JsValue, message: &Uint8Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = saveSession, catch)]
    async fn save_session(record: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = loadSession, catch)]
    async fn load_session() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = clearSession, catch)]
    async fn clear_session() -> Result<JsValue, JsValue>;
}

/// A handle to the key pair (the private key never leaves WebCrypto) and the DER public key.
#[derive(Clone)]
pub struct SessionKey {
    // The app is single-threaded (CSR): the wrapper only lets the handle sit in Leptos signals.
    key_pair: SendWrapper<JsValue>,
    der_public_key: Vec<u8>,
}

impl PartialEq for SessionKey {
    fn eq(&self, other: &Self) -> bool {
        self.der_public_key == other.der_public_key
    }
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SessionKey({})", hex::encode(&self.der_public_key))
    }
}

fn field(value: &JsValue, name: &str) -> Result<JsValue, String> {
    Reflect::get(value, &name.into()).map_err(js_error)
}

fn from_record(record: &JsValue) -> Result<SessionKey, String> {
    let key_pair = field(record, "keyPair")?;
    let public_key = field(record, "publicKey")?.dyn_into::<Uint8Array>().map_err(|_| "no public key")?.to_vec();
    if key_pair.is_undefined() || public_key.is_empty() {
        return Err("the stored session has no key".into());
    }
    Ok(SessionKey { key_pair: SendWrapper::new(key_pair), der_public_key: public_key })
}

impl SessionKey {
    pub async fn generate() -> Result<SessionKey, String> {
        let record = generate_session_key().await.map_err(|e| format!("cannot create a session key: {}", js_error(e)))?;
        from_record(&record)
    }

    /// DER SubjectPublicKeyInfo, as Internet Identity expects the session key.
    pub fn der_public_key(&self) -> &[u8] {
        &self.der_public_key
    }

    /// ECDSA P-256 with SHA-256 over `message`: r || s.
    pub async fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        let signature = sign_with_session_key(&self.key_pair, &Uint8Array::from(message))
            .await
            .map_err(|e| format!("the session key could not sign: {}", js_error(e)))?;
        Ok(signature.dyn_into::<Uint8Array>().map_err(|_| "WebCrypto returned no signature")?.to_vec())
    }
}

/// Stores the key with `chain` (the delegation chain as JSON), replacing any earlier session.
pub async fn save(key: &SessionKey, chain: &str) -> Result<(), String> {
    let record = Object::new();
    Reflect::set(&record, &"keyPair".into(), &key.key_pair).map_err(js_error)?;
    Reflect::set(&record, &"publicKey".into(), &Uint8Array::from(key.der_public_key.as_slice())).map_err(js_error)?;
    Reflect::set(&record, &"chain".into(), &chain.into()).map_err(js_error)?;
    save_session(&record).await.map_err(|e| format!("cannot keep the session: {}", js_error(e)))?;
    Ok(())
}

/// The stored key and chain, if any.
pub async fn load() -> Result<Option<(SessionKey, String)>, String> {
    let record = load_session().await.map_err(js_error)?;
    if record.is_undefined() || record.is_null() {
        return Ok(None);
    }
    let chain = field(&record, "chain")?.as_string().ok_or("the stored session has no chain")?;
    Ok(Some((from_record(&record)?, chain)))
}

pub async fn clear() -> Result<(), String> {
    clear_session().await.map_err(js_error)?;
    Ok(())
}
