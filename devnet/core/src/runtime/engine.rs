//! One wasmtime engine per process, with compiled modules cached by the hash of their bytes, so every
//! canister (and every devnet in a test binary) that runs the same wasm compiles it once.
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use wasmtime::{Config, Engine, InstancePre, Linker, Module, OptLevel};

use crate::runtime::context::HostState;
use crate::runtime::system_api;
use crate::wasm::{prepare_module, validate_module, CanisterMetadata};

pub struct CompiledModule {
    pub instance_pre: InstancePre<HostState>,
    pub mutable_globals: Vec<String>,
    pub has_start: bool,
    /// Exported function names (`canister_update foo`, `canister_init`, ...).
    pub exports: BTreeSet<String>,
    pub metadata: CanisterMetadata,
}

impl CompiledModule {
    pub fn exports_function(&self, name: &str) -> bool {
        self.exports.contains(name)
    }
}

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        // Instructions are counted by the metering code `wasm::instrument` injects (the IC's
        // costs), not by wasmtime fuel.
        let mut config = Config::new();
        config.cranelift_opt_level(OptLevel::Speed);
        Engine::new(&config).expect("wasmtime engine configuration is valid")
    })
}

fn linker() -> &'static Linker<HostState> {
    static LINKER: OnceLock<Linker<HostState>> = OnceLock::new();
    LINKER.get_or_init(|| {
        let mut linker = Linker::new(engine());
        system_api::register(&mut linker).expect("ic0 functions register once");
        linker
    })
}

fn cache() -> &'static Mutex<HashMap<[u8; 32], Arc<CompiledModule>>> {
    static CACHE: OnceLock<Mutex<HashMap<[u8; 32], Arc<CompiledModule>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Validates, rewrites and compiles a decompressed canister module (cached by its SHA-256).
/// Errors name the problem, e.g. an ic0 import the devnet does not provide.
pub fn compile_module(wasm: &[u8]) -> Result<Arc<CompiledModule>, String> {
    let hash: [u8; 32] = Sha256::digest(wasm).into();
    if let Some(m) = cache().lock().unwrap_or_else(|p| p.into_inner()).get(&hash) {
        return Ok(m.clone());
    }
    validate_module(wasm)?;
    let prepared = prepare_module(wasm)?;
    for (module, name) in &prepared.function_imports {
        if module != "ic0" {
            return Err(format!(
                "Wasm module has an invalid import section. Module imports function '{name}' from '{module}' that is not exported by the runtime (only 'ic0' is)."
            ));
        }
        if !system_api::is_known(name) {
            return Err(format!(
                "Wasm module has an invalid import section. Module imports function 'ic0.{name}' that is not provided by the devnet system API."
            ));
        }
    }
    let module = Module::new(engine(), &prepared.wasm).map_err(|e| format!("Wasm module is invalid: {e:#}"))?;
    let exports = module
        .exports()
        .filter(|e| e.ty().func().is_some())
        .map(|e| e.name().to_string())
        .collect();
    let instance_pre = linker()
        .instantiate_pre(&module)
        .map_err(|e| format!("Wasm module has an invalid import section: {e:#}"))?;
    let compiled = Arc::new(CompiledModule {
        instance_pre,
        mutable_globals: prepared.mutable_globals,
        has_start: prepared.has_start,
        exports,
        metadata: CanisterMetadata::from_wasm(wasm)?,
    });
    cache().lock().unwrap_or_else(|p| p.into_inner()).insert(hash, compiled.clone());
    Ok(compiled)
}
