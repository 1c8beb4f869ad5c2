//! The block log: compact encodings appended to a stable log (index + data memories).

use crate::memory::{self, Memory};
use ic_stable_structures::StableLog;
use std::cell::RefCell;

thread_local! {
    static BLOCKS: RefCell<StableLog<Vec<u8>, Memory, Memory>> = RefCell::new(StableLog::init(
        memory::get(memory::BLOCKS_INDEX),
        memory::get(memory::BLOCKS_DATA),
    ));
}

/// Appends an encoded block; `Err` when stable memory cannot grow.
pub fn append(encoded: &Vec<u8>) -> Result<u64, ()> {
    BLOCKS.with(|b| b.borrow().append(encoded).map_err(|_| ()))
}

pub fn get(index: u64) -> Option<Vec<u8>> {
    BLOCKS.with(|b| b.borrow().get(index))
}

pub fn len() -> u64 {
    BLOCKS.with(|b| b.borrow().len())
}

pub fn size_bytes() -> u64 {
    BLOCKS.with(|b| b.borrow().log_size_bytes())
}
