//! A stored file: one per (path, encoding), live or staged.

use candid::{CandidType, Deserialize};

/// Key of one encoding of one file. Paths never contain NUL (validated), so the key is unambiguous.
pub fn file_key(path: &str, encoding: &str) -> String {
    format!("{path}\0{encoding}")
}

pub fn split_key(key: &str) -> (&str, &str) {
    key.split_once('\0').unwrap_or((key, ""))
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct StoredFile {
    pub content_type: String,
    #[serde(with = "serde_bytes")]
    pub content: Vec<u8>,
    /// Chunks received so far (staged files only; the next chunk must have this index).
    pub chunks: u32,
}
