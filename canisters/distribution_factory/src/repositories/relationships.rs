//! Relationship changes for the backend's registry, in the kit's durable outbox.

use crate::memory;
use canister_kit::relationships::RelationshipOutbox;
use std::cell::RefCell;

thread_local! {
    static OUTBOX: RefCell<RelationshipOutbox> = RefCell::new(RelationshipOutbox::init(memory::get(memory::RELATIONSHIP_OUTBOX)));
}

pub fn with<R>(f: impl FnOnce(&mut RelationshipOutbox) -> R) -> R {
    OUTBOX.with(|o| f(&mut o.borrow_mut()))
}
