//! Wasm module handling before execution: decompression, inspection and the rewrite that exposes
//! the function table and mutable globals to the host.
pub mod decode;
pub mod metadata;
pub mod prepare;

pub use decode::decompress_if_gzipped;
pub use metadata::{CanisterMetadata, MetadataVisibility};
pub use prepare::{prepare_module, PreparedModule, GLOBAL_EXPORT_PREFIX, MEMORY_EXPORT, TABLE_EXPORT};
