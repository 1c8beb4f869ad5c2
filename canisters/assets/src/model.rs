//! Stored records: one per (path, encoding).
use candid::{CandidType, Decode, Deserialize, Encode};
use ic_stable_structures::storable::{Bound, Storable};
use std::borrow::Cow;

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

impl Storable for StoredFile {
    const BOUND: Bound = Bound::Unbounded;

    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(Encode!(self).expect("encode StoredFile"))
    }

    fn into_bytes(self) -> Vec<u8> {
        Encode!(&self).expect("encode StoredFile")
    }

    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        Decode!(&bytes, StoredFile).expect("decode StoredFile")
    }
}
