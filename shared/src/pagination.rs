//! Pages of a list read across a canister boundary: which page to read, and the page with the total.

use candid::{CandidType, Deserialize};
use serde::Serialize;

/// The most items one page holds; larger `limit`s are capped to it.
pub const MAX_PAGE: u64 = 100;

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct PageRequest {
    pub offset: u64,
    pub limit: u64,
}

impl PageRequest {
    pub fn new(offset: u64, limit: u64) -> Self {
        PageRequest { offset, limit }
    }

    /// The limit actually served: at most `MAX_PAGE`.
    pub fn capped_limit(&self) -> u64 {
        self.limit.min(MAX_PAGE)
    }
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items the whole list holds.
    pub total: u64,
}

impl<T> Page<T> {
    pub fn empty() -> Self {
        Page { items: vec![], total: 0 }
    }
}
