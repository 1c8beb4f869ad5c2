//! Wasm module handling before execution: decompression, inspection and the rewrite that exposes
//! the function table and mutable globals to the host and meters instructions.
pub mod decode;
pub mod instrument;
pub mod metadata;
pub mod prepare;
pub mod validate;

pub use decode::decompress_if_gzipped;
pub use metadata::{CanisterMetadata, MetadataVisibility};
pub use prepare::{prepare_module, COUNTER_EXPORT, MEMORY_EXPORT, START_EXPORT, START_INSTRUCTION_LIMIT, TABLE_EXPORT};
pub use validate::validate_module;
