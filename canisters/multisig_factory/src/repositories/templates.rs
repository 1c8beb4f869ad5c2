//! The multisig wallet's wasm templates (the kit's template store), with the factory's limits.

use crate::memory;
use crate::models::settings::TEMPLATE_LIMITS;
use canister_kit::templates::TemplateStore;
use std::cell::RefCell;

thread_local! {
    static TEMPLATES: RefCell<TemplateStore> = RefCell::new(TemplateStore::init(
        memory::get(memory::TEMPLATES),
        memory::get(memory::TEMPLATE_CHUNKS),
        memory::get(memory::TEMPLATE_UPLOAD),
        TEMPLATE_LIMITS,
    ));
}

pub fn with<R>(f: impl FnOnce(&mut TemplateStore) -> R) -> R {
    TEMPLATES.with(|t| f(&mut t.borrow_mut()))
}
