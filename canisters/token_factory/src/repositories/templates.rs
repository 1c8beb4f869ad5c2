//! Token wasm templates: metadata by version, bytes as chunks keyed (version, chunk index).

use crate::memory::{self, Memory};
use crate::models::candid_storable::Candid;
use ic_stable_structures::StableBTreeMap;
use icto_shared::factory::TemplateInfo;
use std::cell::RefCell;

thread_local! {
    static TEMPLATES: RefCell<StableBTreeMap<u32, Candid<TemplateInfo>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::TEMPLATES)));
    static CHUNKS: RefCell<StableBTreeMap<(u32, u32), Vec<u8>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::TEMPLATE_CHUNKS)));
}

pub fn put_chunk(version: u32, index: u32, bytes: Vec<u8>) {
    CHUNKS.with(|c| c.borrow_mut().insert((version, index), bytes));
}

pub fn remove_chunks(version: u32) {
    let keys: Vec<(u32, u32)> =
        CHUNKS.with(|c| c.borrow().range((version, 0)..=(version, u32::MAX)).map(|e| *e.key()).collect());
    CHUNKS.with(|c| {
        let mut c = c.borrow_mut();
        for k in keys {
            c.remove(&k);
        }
    });
}

/// The template's bytes, chunks concatenated in order.
pub fn bytes(version: u32) -> Vec<u8> {
    CHUNKS.with(|c| {
        let mut out = Vec::new();
        for e in c.borrow().range((version, 0)..=(version, u32::MAX)) {
            out.extend_from_slice(&e.value());
        }
        out
    })
}

pub fn insert(info: TemplateInfo) {
    TEMPLATES.with(|t| t.borrow_mut().insert(info.version, Candid(info)));
}

pub fn get(version: u32) -> Option<TemplateInfo> {
    TEMPLATES.with(|t| t.borrow().get(&version).map(|c| c.0))
}

pub fn find_by_sha256(sha256: &[u8]) -> Option<TemplateInfo> {
    TEMPLATES.with(|t| t.borrow().iter().map(|e| e.value().0).find(|i| i.sha256 == sha256))
}

pub fn list() -> Vec<TemplateInfo> {
    TEMPLATES.with(|t| t.borrow().iter().map(|e| e.value().0).collect())
}
