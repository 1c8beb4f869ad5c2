//! Login with the Internet Identity client protocol; the session (a non-extractable WebCrypto key and the
//! delegation chain) lives in IndexedDB until it expires.
pub mod ii_client;
pub mod session;
pub mod session_key;

pub use session::Session;
