//! The token wasm templates (the kit's template store), with the factory's limits.

use crate::memory;
use canister_kit::templates::{TemplateLimits, TemplateStore};
use icto_shared::token_factory::limits::{MAX_CHUNK_BYTES, MAX_LABEL_CHARS, MAX_TEMPLATE_BYTES};
use std::cell::RefCell;

pub const LIMITS: TemplateLimits = TemplateLimits {
    max_template_bytes: MAX_TEMPLATE_BYTES,
    max_chunk_bytes: MAX_CHUNK_BYTES,
    max_label_chars: MAX_LABEL_CHARS,
    max_release_notes_chars: TemplateLimits::DEFAULT.max_release_notes_chars,
};

thread_local! {
    static TEMPLATES: RefCell<TemplateStore> = RefCell::new(TemplateStore::init(
        memory::get(memory::TEMPLATES),
        memory::get(memory::TEMPLATE_CHUNKS),
        memory::get(memory::TEMPLATE_UPLOAD),
        LIMITS,
    ));
}

pub fn with<R>(f: impl FnOnce(&mut TemplateStore) -> R) -> R {
    TEMPLATES.with(|t| f(&mut t.borrow_mut()))
}
