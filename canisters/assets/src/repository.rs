//! Stable storage of live and staged files.
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

use crate::memory::{self, Memory};
use crate::model::{file_key, split_key, StoredFile};

thread_local! {
    static LIVE: RefCell<StableBTreeMap<String, StoredFile, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::LIVE_FILES)));
    static STAGED: RefCell<StableBTreeMap<String, StoredFile, Memory>> =
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
    LIVE.with(|m| m.borrow().get(&file_key(path, encoding)))
}

pub fn live_all() -> Vec<FileEntry> {
    LIVE.with(|m| m.borrow().iter().map(|e| entry(e.key().clone(), e.value())).collect())
}

pub fn live_keys() -> Vec<String> {
    LIVE.with(|m| m.borrow().keys().collect())
}

pub fn live_insert(path: &str, encoding: &str, file: StoredFile) {
    LIVE.with(|m| m.borrow_mut().insert(file_key(path, encoding), file));
}

pub fn live_remove_key(key: &str) {
    LIVE.with(|m| m.borrow_mut().remove(&key.to_string()));
}

pub fn staged_get(path: &str, encoding: &str) -> Option<StoredFile> {
    STAGED.with(|m| m.borrow().get(&file_key(path, encoding)))
}

pub fn staged_insert(path: &str, encoding: &str, file: StoredFile) {
    STAGED.with(|m| m.borrow_mut().insert(file_key(path, encoding), file));
}

pub fn staged_len() -> u64 {
    STAGED.with(|m| m.borrow().len())
}

/// Removes and returns every staged file.
pub fn staged_drain() -> Vec<FileEntry> {
    STAGED.with(|m| {
        let mut map = m.borrow_mut();
        let all: Vec<FileEntry> = map.iter().map(|e| entry(e.key().clone(), e.value())).collect();
        map.clear_new();
        all
    })
}
