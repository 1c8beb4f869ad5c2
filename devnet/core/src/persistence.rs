//! Snapshots of the whole devnet for persistence across restarts (written and read by the server):
//! every canister's settings, cycles, code, heap, mutable globals, stable memory, certified data,
//! timer and history, plus the clock, the id counters, the root key, the `raw_rand` state and the
//! calls in flight (queued messages, call contexts, callbacks, ingress records), so a call that was
//! under way when the devnet stopped completes after the restart. Taken between executions.
use candid::Principal;
use ic_management_canister_types as mgmt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::sync::Arc;
use wasmtime::Val;

use crate::devnet::Devnet;
use crate::runtime::{compile_module, CanisterInstance, StableMemory};
use crate::state::{CallContext, Callback, Canister, CanisterSettings, HeldResponse, IngressRecord, InstalledCode, LogRecord, Message, Origin};
use crate::types::{CanisterRunState, MessageId};
use crate::wasm::decompress_if_gzipped;

/// Bumped when the snapshot layout changes incompatibly.
pub const SNAPSHOT_FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
pub struct DevnetSnapshot {
    pub format: u32,
    pub secret_key: [u8; 32],
    pub time_nanos: u64,
    pub next_canister_index: u64,
    pub next_id: u64,
    pub canisters: Vec<CanisterSnapshot>,
    #[serde(default)]
    pub in_flight: InFlight,
    /// `raw_rand`'s seed and counter (absent in old snapshots: a fresh seed is drawn).
    #[serde(default)]
    pub raw_rand: Option<([u8; 32], u64)>,
    #[serde(default)]
    pub last_allocation_charge: u64,
}

/// Calls under way: what the subnet holds between executions besides the canisters.
#[derive(Serialize, Deserialize, Default)]
pub struct InFlight {
    pub queue: Vec<Message>,
    pub call_contexts: Vec<(u64, CallContext)>,
    pub callbacks: Vec<(u64, Callback)>,
    pub ingress: Vec<(MessageId, IngressRecord)>,
    pub held_responses: Vec<HeldResponse>,
}

#[derive(Serialize, Deserialize)]
pub struct CanisterSnapshot {
    pub id: Principal,
    pub controllers: Vec<Principal>,
    pub settings: CanisterSettings,
    pub cycles: [u8; 16],
    pub run_state: CanisterRunState,
    #[serde(with = "serde_bytes")]
    pub certified_data: Vec<u8>,
    pub global_timer: u64,
    pub version: u64,
    pub epoch: u64,
    pub chunk_store: Vec<([u8; 32], serde_bytes::ByteBuf)>,
    pub logs: Vec<(u64, u64, serde_bytes::ByteBuf)>,
    pub next_log_idx: u64,
    pub code: Option<CodeSnapshot>,
    #[serde(default)]
    pub pending_stops: Vec<Origin>,
    #[serde(default)]
    pub history: Vec<mgmt::Change>,
    #[serde(default)]
    pub total_num_changes: u64,
}

#[derive(Serialize, Deserialize)]
pub struct CodeSnapshot {
    /// The module as installed (possibly gzipped): its hash is the canister's module hash.
    #[serde(with = "serde_bytes")]
    pub wasm: Vec<u8>,
    pub heap: SparseBytes,
    pub globals: Vec<GlobalValue>,
    pub stable: SparseBytes,
}

/// Memory contents with all-zero 4 KiB pages left out.
#[derive(Serialize, Deserialize, Default, Debug, PartialEq, Eq)]
pub struct SparseBytes {
    pub len: u64,
    pub pages: Vec<(u64, serde_bytes::ByteBuf)>,
}

const SPARSE_PAGE: usize = 4096;

impl SparseBytes {
    pub fn from_bytes(bytes: &[u8]) -> Self {
        let pages = bytes
            .chunks(SPARSE_PAGE)
            .enumerate()
            .filter(|(_, chunk)| !crate::runtime::is_zero(chunk))
            .map(|(i, chunk)| (i as u64, serde_bytes::ByteBuf::from(chunk.to_vec())))
            .collect();
        SparseBytes { len: bytes.len() as u64, pages }
    }

    /// A stable memory's pages as they are, without making the whole memory dense first (the same
    /// encoding as `from_bytes(&stable.to_bytes())`: both pages are 4 KiB).
    pub fn from_stable(stable: &StableMemory) -> Self {
        let pages = stable.nonzero_pages().into_iter().map(|(i, page)| (i, serde_bytes::ByteBuf::from(page.to_vec()))).collect();
        SparseBytes { len: stable.size_bytes(), pages }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![0u8; self.len as usize];
        for (index, chunk) in &self.pages {
            let start = *index as usize * SPARSE_PAGE;
            let end = (start + chunk.len()).min(out.len());
            if start < end {
                out[start..end].copy_from_slice(&chunk[..end - start]);
            }
        }
        out
    }
}

/// A mutable global's value (wasmtime's `Val` for the number types canisters use).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobalValue {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128([u8; 16]),
}

impl GlobalValue {
    fn from_val(v: &Val) -> Result<Self, String> {
        Ok(match v {
            Val::I32(x) => GlobalValue::I32(*x),
            Val::I64(x) => GlobalValue::I64(*x),
            Val::F32(x) => GlobalValue::F32(*x),
            Val::F64(x) => GlobalValue::F64(*x),
            Val::V128(x) => GlobalValue::V128(x.as_u128().to_le_bytes()),
            other => return Err(format!("a mutable global holding {other:?} cannot be persisted")),
        })
    }

    fn to_val(self) -> Val {
        match self {
            GlobalValue::I32(x) => Val::I32(x),
            GlobalValue::I64(x) => Val::I64(x),
            GlobalValue::F32(x) => Val::F32(x),
            GlobalValue::F64(x) => Val::F64(x),
            GlobalValue::V128(x) => Val::V128(u128::from_le_bytes(x).into()),
        }
    }
}

impl Devnet {
    /// A consistent copy of the devnet's state, taken under the subnet lock (between executions).
    pub fn snapshot(&self) -> Result<DevnetSnapshot, String> {
        let mut subnet = self.subnet();
        let time_nanos = subnet.clock.now();
        let secret_key = subnet.certifier.secret_key_bytes();
        let (next_canister_index, next_id) = (subnet.next_canister_index, subnet.next_id);
        let mut canisters = Vec::with_capacity(subnet.canisters.len());
        for canister in subnet.canisters.values_mut() {
            canisters.push(snapshot_canister(canister)?);
        }
        let in_flight = InFlight {
            queue: subnet.queue.iter().cloned().collect(),
            call_contexts: subnet.call_contexts.iter().map(|(k, v)| (*k, v.clone())).collect(),
            callbacks: subnet.callbacks.iter().map(|(k, v)| (*k, v.clone())).collect(),
            ingress: subnet.ingress.iter().map(|(k, v)| (*k, v.clone())).collect(),
            held_responses: subnet.held_responses.clone(),
        };
        Ok(DevnetSnapshot {
            format: SNAPSHOT_FORMAT,
            secret_key,
            time_nanos,
            next_canister_index,
            next_id,
            canisters,
            in_flight,
            raw_rand: Some((subnet.raw_rand_seed, subnet.raw_rand_counter)),
            last_allocation_charge: subnet.last_allocation_charge,
        })
    }

    /// A devnet with the snapshot's root key, canisters and counters; its clock resumes at the
    /// snapshot's time or later (real time never goes backwards).
    pub fn from_snapshot(snapshot: DevnetSnapshot, real_time: bool) -> Result<Devnet, String> {
        if snapshot.format != SNAPSHOT_FORMAT {
            return Err(format!("snapshot format {} is not the supported {}", snapshot.format, SNAPSHOT_FORMAT));
        }
        let devnet = Devnet::builder().real_time(real_time).secret_key(snapshot.secret_key).build();
        {
            let mut subnet = devnet.subnet();
            let now = subnet.clock.now().max(snapshot.time_nanos);
            subnet.clock.set(now);
            subnet.next_canister_index = snapshot.next_canister_index;
            subnet.next_id = snapshot.next_id;
            for saved in snapshot.canisters {
                let canister = restore_canister(saved)?;
                subnet.canisters.insert(canister.id, canister);
            }
            if let Some((seed, counter)) = snapshot.raw_rand {
                subnet.raw_rand_seed = seed;
                subnet.raw_rand_counter = counter;
            }
            if snapshot.last_allocation_charge != 0 {
                subnet.last_allocation_charge = snapshot.last_allocation_charge.min(now);
            }
            let in_flight = snapshot.in_flight;
            subnet.queue = VecDeque::from(in_flight.queue);
            subnet.held_responses = in_flight.held_responses;
            subnet.ingress = in_flight.ingress.into_iter().collect();
            for (id, cc) in in_flight.call_contexts {
                if let Some(c) = subnet.canisters.get_mut(&cc.canister) {
                    c.open_call_contexts += 1;
                }
                subnet.call_contexts.insert(id, cc);
            }
            for (id, cb) in in_flight.callbacks {
                if cb.deadline != 0 && !cb.expired {
                    subnet.deadlines.insert((cb.deadline, id));
                }
                subnet.callbacks.insert(id, cb);
            }
        }
        Ok(devnet)
    }
}

fn snapshot_canister(c: &mut Canister) -> Result<CanisterSnapshot, String> {
    let code = match c.code.as_mut() {
        None => None,
        Some(code) => {
            let globals = code.instance.global_values().iter().map(GlobalValue::from_val).collect::<Result<_, _>>()?;
            Some(CodeSnapshot {
                wasm: code.wasm.to_vec(),
                heap: SparseBytes::from_bytes(code.instance.heap_bytes()),
                globals,
                stable: SparseBytes::from_stable(code.instance.stable()),
            })
        }
    };
    Ok(CanisterSnapshot {
        id: c.id,
        controllers: c.controllers.clone(),
        settings: c.settings.clone(),
        cycles: c.cycles.to_le_bytes(),
        run_state: c.run_state,
        certified_data: c.certified_data.clone(),
        global_timer: c.global_timer,
        version: c.version,
        epoch: c.epoch,
        chunk_store: c.chunk_store.iter().map(|(k, v)| (*k, serde_bytes::ByteBuf::from(v.clone()))).collect(),
        logs: c.logs.iter().map(|l| (l.idx, l.timestamp_nanos, serde_bytes::ByteBuf::from(l.content.clone()))).collect(),
        next_log_idx: c.next_log_idx,
        code,
        pending_stops: c.pending_stops.clone(),
        history: c.history.iter().cloned().collect(),
        total_num_changes: c.total_num_changes,
    })
}

fn restore_canister(s: CanisterSnapshot) -> Result<Canister, String> {
    let mut c = Canister::new(s.id, s.controllers, u128::from_le_bytes(s.cycles));
    c.settings = s.settings;
    c.run_state = s.run_state;
    c.certified_data = s.certified_data;
    c.global_timer = s.global_timer;
    c.version = s.version;
    c.epoch = s.epoch;
    c.chunk_store = s.chunk_store.into_iter().map(|(k, v)| (k, v.into_vec())).collect();
    c.logs = s
        .logs
        .into_iter()
        .map(|(idx, timestamp_nanos, content)| LogRecord { idx, timestamp_nanos, content: content.into_vec() })
        .collect();
    c.next_log_idx = s.next_log_idx;
    c.pending_stops = s.pending_stops;
    c.history = s.history.into_iter().collect();
    c.total_num_changes = s.total_num_changes;
    if let Some(code) = s.code {
        let raw = decompress_if_gzipped(&code.wasm).map_err(|e| format!("canister {}: {e}", s.id))?;
        let module = compile_module(&raw).map_err(|e| format!("canister {}: {e}", s.id))?;
        let mut instance = CanisterInstance::new(module, StableMemory::from_bytes(&code.stable.to_bytes()))
            .map_err(|e| format!("canister {}: {e}", s.id))?;
        let globals: Vec<Val> = code.globals.into_iter().map(GlobalValue::to_val).collect();
        instance.restore_heap(&code.heap.to_bytes(), &globals);
        let module_hash: [u8; 32] = Sha256::digest(&code.wasm).into();
        c.code = Some(InstalledCode { wasm: Arc::new(code.wasm), module_hash, instance });
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_bytes_round_trip_and_skip_zero_pages() {
        let mut bytes = vec![0u8; 3 * SPARSE_PAGE + 10];
        bytes[5] = 1;
        bytes[3 * SPARSE_PAGE + 9] = 2;
        let sparse = SparseBytes::from_bytes(&bytes);
        assert_eq!(sparse.pages.len(), 2);
        assert_eq!(sparse.to_bytes(), bytes);
    }

    #[test]
    fn a_stable_memory_encodes_as_its_dense_bytes_would() {
        let mut bytes = vec![0u8; 2 * crate::runtime::stable::WASM_PAGE as usize];
        bytes[70_000] = 7;
        bytes[5] = 1;
        let stable = StableMemory::from_bytes(&bytes);
        assert_eq!(SparseBytes::from_stable(&stable), SparseBytes::from_bytes(&bytes));
        assert_eq!(SparseBytes::from_stable(&stable).pages.len(), 2);
    }

    #[test]
    fn an_empty_devnet_round_trips_its_root_key_and_clock() {
        let devnet = Devnet::new();
        devnet.advance_time(std::time::Duration::from_secs(100));
        let snapshot = devnet.snapshot().unwrap();
        let time = snapshot.time_nanos;
        let restored = Devnet::from_snapshot(snapshot, false).unwrap();
        assert_eq!(restored.root_key_der(), devnet.root_key_der());
        assert_eq!(restored.time_nanos(), time);
    }
}
