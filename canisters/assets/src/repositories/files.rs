//! Stable storage of live and staged files, keyed `path \0 encoding`.

use crate::memory::{self, Memory};
use crate::models::file::{file_key, split_key, StoredFile};
use canister_kit::storable::Candid;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static LIVE: RefCell<StableBTreeMap<String, Candid<StoredFile>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::LIVE_FILES)));
    static STAGED: RefCell<StableBTreeMap<String, Candid<StoredFile>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::STAGED_FILES)));
}

pub struct FileEntry {
    pub path: String,
    pub encoding: String,
    pub file: StoredFile,
}

fn entry(key: String, file: StoredFile) -> FileEntry {
    let (path, encoding) = split_key(&key);
    FileEntry { path: path.to_string(), encoding: encoding.to_string(), file }
}

pub fn live_get(path: &str, encoding: &str) -> Option<StoredFile> {
    LIVE.with(|m| m.borrow().get(&file_key(path, encoding)).map(|f| f.0))
}

pub fn live_all() -> Vec<FileEntry> {
    LIVE.with(|m| m.borrow().iter().map(|e| entry(e.key().clone(), e.value().0)).collect())
}

pub fn live_keys() -> Vec<String> {
    LIVE.with(|m| m.borrow().keys().collect())
}

pub fn live_insert(path: &str, encoding: &str, file: StoredFile) {
    LIVE.with(|m| m.borrow_mut().insert(file_key(path, encoding), Candid(file)));
}

pub fn live_remove_key(key: &str) {
    LIVE.with(|m| m.borrow_mut().remove(&key.to_string()));
}

pub fn staged_get(path: &str, encoding: &str) -> Option<StoredFile> {
    STAGED.with(|m| m.borrow().get(&file_key(path, encoding)).map(|f| f.0))
}

pub fn staged_insert(path: &str, encoding: &str, file: StoredFile) {
    STAGED.with(|m| m.borrow_mut().insert(file_key(path, encoding), Candid(file)));
}

pub fn staged_len() -> u64 {
    STAGED.with(|m| m.borrow().len())
}

/// Removes and returns every staged file.
pub fn staged_drain() -> Vec<FileEntry> {
    STAGED.with(|m| {
        let mut map = m.borrow_mut();
        let all: Vec<FileEntry> = map.iter().map(|e| entry(e.key().clone(), e.value().0)).collect();
        map.clear_new();
        all
    })
}
