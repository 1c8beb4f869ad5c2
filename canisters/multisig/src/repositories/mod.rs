//! Stable structures, one module per domain; nothing else touches them.

pub mod address_book;
pub mod history;
pub mod members;
pub mod proposals;
pub mod spending;
pub mod wallet;
