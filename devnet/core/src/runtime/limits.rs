//! The canister's wasm memory limit: growing past it traps with a clear message, as on the IC.
use wasmtime::ResourceLimiter;

#[derive(Default)]
pub struct MemoryLimits {
    /// Bytes; 0 means the wasm32 maximum.
    pub wasm_memory_limit: u64,
}

/// Marks an error raised by the limiter so the executor can report it as a memory limit.
#[derive(Debug)]
pub struct WasmMemoryLimitExceeded(pub u64);

impl std::fmt::Display for WasmMemoryLimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Canister exceeded its current Wasm memory limit of {} bytes.", self.0)
    }
}
impl std::error::Error for WasmMemoryLimitExceeded {}

impl ResourceLimiter for MemoryLimits {
    fn memory_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        if self.wasm_memory_limit != 0 && desired as u64 > self.wasm_memory_limit {
            return Err(WasmMemoryLimitExceeded(self.wasm_memory_limit).into());
        }
        Ok(true)
    }
    fn table_growing(&mut self, _current: usize, _desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(true)
    }
}
