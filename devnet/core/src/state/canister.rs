//! One canister's state: settings, cycles, code and instance, certified data, timer, chunk store.
use candid::Principal;
use ic_management_canister_types as mgmt;
use std::collections::{BTreeMap, VecDeque};
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
    /// Counts uninstallations: callbacks made before one never run (their cycles are still refunded).
    pub epoch: u64,
    pub logs: Vec<LogRecord>,
    pub next_log_idx: u64,
    /// The most recent changes (`canister_info`), oldest first, at most `MAX_HISTORY`.
    pub history: VecDeque<mgmt::Change>,
    pub total_num_changes: u64,
}

/// Changes kept in a canister's history (the IC keeps at least 20).
pub const MAX_HISTORY: usize = 20;
/// Each chunk in the chunk store is charged as 1 MiB of storage, whatever its size.
const CHUNK_STORAGE_BYTES: u64 = 1024 * 1024;

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
            history: VecDeque::new(),
            total_num_changes: 0,
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

    pub fn wasm_memory_bytes(&self) -> u64 {
        self.code.as_ref().map(|c| c.instance.heap_size()).unwrap_or(0)
    }

    pub fn stable_memory_bytes(&self) -> u64 {
        self.code.as_ref().map(|c| c.instance.stable().size_bytes()).unwrap_or(0)
    }

    pub fn wasm_binary_bytes(&self) -> u64 {
        self.code.as_ref().map(|c| c.wasm.len() as u64).unwrap_or(0)
    }

    /// `icp:` custom sections: names and contents.
    pub fn custom_sections_bytes(&self) -> u64 {
        self.code.as_ref().map(|c| c.instance.module().metadata.size_bytes()).unwrap_or(0)
    }

    pub fn chunk_store_bytes(&self) -> u64 {
        self.chunk_store.len() as u64 * CHUNK_STORAGE_BYTES
    }

    /// An estimate of the history's encoded size (principals and hashes dominate it).
    pub fn history_bytes(&self) -> u64 {
        self.history
            .iter()
            .map(|change| {
                let details = match &change.details {
                    Some(mgmt::ChangeDetails::Creation(c)) => c.controllers.len() as u64 * 29,
                    Some(mgmt::ChangeDetails::ControllersChange(c)) => c.controllers.len() as u64 * 29,
                    Some(mgmt::ChangeDetails::CodeDeployment(_)) => 33,
                    _ => 0,
                };
                16 + 30 + details
            })
            .sum()
    }

    /// Everything the canister is charged storage for, as `canister_status` reports `memory_size`.
    pub fn memory_usage(&self) -> u64 {
        self.wasm_memory_bytes()
            + self.stable_memory_bytes()
            + self.wasm_binary_bytes()
            + self.custom_sections_bytes()
            + self.chunk_store_bytes()
            + self.history_bytes()
    }

    /// Bytes charged for storage: the memory allocation if one is set, else the usage.
    pub fn charged_memory_bytes(&self) -> u64 {
        if self.settings.memory_allocation > 0 {
            self.settings.memory_allocation
        } else {
            self.memory_usage()
        }
    }

    /// Records a change for `canister_info` (the version is the one after the change).
    pub fn record_change(&mut self, time: u64, origin: mgmt::ChangeOrigin, details: mgmt::ChangeDetails) {
        self.history.push_back(mgmt::Change {
            timestamp_nanos: time,
            canister_version: self.version,
            origin,
            details: Some(details),
        });
        self.total_num_changes += 1;
        while self.history.len() > MAX_HISTORY {
            self.history.pop_front();
        }
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
