//! One canister's state: settings, cycles, code and instance, certified data, timer, chunk store.
use candid::Principal;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::runtime::CanisterInstance;
use crate::state::messages::Origin;
use crate::types::CanisterRunState;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CanisterSettings {
    pub compute_allocation: u64,
    pub memory_allocation: u64,
    pub freezing_threshold: u64,
    pub reserved_cycles_limit: u128,
    pub wasm_memory_limit: u64,
    pub wasm_memory_threshold: u64,
    pub log_memory_limit: u64,
    /// `false` = controllers only (the IC default), `true` = public.
    pub logs_public: bool,
    pub log_viewers: Vec<Principal>,
}

impl Default for CanisterSettings {
    fn default() -> Self {
        CanisterSettings {
            compute_allocation: 0,
            memory_allocation: 0,
            freezing_threshold: 2_592_000,
            reserved_cycles_limit: 5_000_000_000_000,
            wasm_memory_limit: 3 * 1024 * 1024 * 1024,
            wasm_memory_threshold: 0,
            log_memory_limit: 4096,
            logs_public: false,
            log_viewers: Vec::new(),
        }
    }
}

/// The installed module: the bytes as given (possibly gzipped), their hash and the live instance.
pub struct InstalledCode {
    pub wasm: Arc<Vec<u8>>,
    pub module_hash: [u8; 32],
    pub instance: CanisterInstance,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRecord {
    pub idx: u64,
    pub timestamp_nanos: u64,
    pub content: Vec<u8>,
}

pub struct Canister {
    pub id: Principal,
    pub controllers: Vec<Principal>,
    pub settings: CanisterSettings,
    pub cycles: u128,
    pub run_state: CanisterRunState,
    pub code: Option<InstalledCode>,
    pub certified_data: Vec<u8>,
    /// Deadline of the global timer in nanoseconds; 0 = not armed.
    pub global_timer: u64,
    pub version: u64,
    pub chunk_store: BTreeMap<[u8; 32], Vec<u8>>,
    pub open_call_contexts: usize,
    /// `stop_canister` calls waiting for the open call contexts to close.
    pub pending_stops: Vec<Origin>,
    /// Changes on every code change; callbacks of an older epoch are not run.
    pub epoch: u64,
    pub logs: Vec<LogRecord>,
    pub next_log_idx: u64,
}

impl Canister {
    pub fn new(id: Principal, controllers: Vec<Principal>, cycles: u128) -> Self {
        Canister {
            id,
            controllers,
            settings: CanisterSettings::default(),
            cycles,
            run_state: CanisterRunState::Running,
            code: None,
            certified_data: Vec::new(),
            global_timer: 0,
            version: 0,
            chunk_store: BTreeMap::new(),
            open_call_contexts: 0,
            pending_stops: Vec::new(),
            epoch: 0,
            logs: Vec::new(),
            next_log_idx: 0,
        }
    }

    pub fn module_hash(&self) -> Option<[u8; 32]> {
        self.code.as_ref().map(|c| c.module_hash)
    }

    pub fn is_controller(&self, p: &Principal) -> bool {
        self.controllers.contains(p)
    }

    pub fn exports(&self, name: &str) -> bool {
        self.code.as_ref().is_some_and(|c| c.instance.module().exports_function(name))
    }

    /// Heap + stable + module bytes, as `canister_status` reports `memory_size`.
    pub fn memory_size(&self) -> u64 {
        self.code
            .as_ref()
            .map(|c| c.instance.heap_size() + c.instance.stable().size_bytes() + c.wasm.len() as u64)
            .unwrap_or(0)
    }

    pub fn push_logs(&mut self, time: u64, lines: Vec<String>) {
        for line in lines {
            self.logs.push(LogRecord { idx: self.next_log_idx, timestamp_nanos: time, content: line.into_bytes() });
            self.next_log_idx += 1;
        }
        let excess = self.logs.len().saturating_sub(1000);
        self.logs.drain(..excess);
    }
}
