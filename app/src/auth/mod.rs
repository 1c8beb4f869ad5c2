//! Login with the Internet Identity client protocol; the session lives in localStorage until it expires.
pub mod ii_client;
pub mod session;
pub mod session_key;

pub use session::Session;
