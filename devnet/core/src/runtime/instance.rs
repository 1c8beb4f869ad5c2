//! A live canister instance: its wasmtime store, memory, table and globals. Each execution is atomic:
//! the heap and globals are snapshotted before it and the stable memory journals its writes, so a
//! trap (or a query, which never commits) restores exactly the state before the execution.
use std::sync::Arc;
use wasmtime::{Global, Instance, Memory, Ref, Store, Table, Trap, Val};

use crate::runtime::context::{ExecContext, HostState};
use crate::runtime::engine::{engine, CompiledModule};
use crate::runtime::limits::WasmMemoryLimitExceeded;
use crate::runtime::stable::StableMemory;
use crate::runtime::system_api::{CanisterTrap, OutOfInstructions};
use crate::types::ErrorCode;
use crate::wasm::{COUNTER_EXPORT, MEMORY_EXPORT, START_EXPORT, START_INSTRUCTION_LIMIT, TABLE_EXPORT};

/// What to run: an exported function (`canister_update foo`) or a callback by table index.
#[derive(Clone, Debug)]
pub enum Entry {
    Export(String),
    Callback { fun: u32, env: u32 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecOutcome {
    Ok,
    Trap { message: String, error_code: &'static str },
}

pub struct ExecResult {
    pub ctx: ExecContext,
    pub outcome: ExecOutcome,
    pub instructions: u64,
}

impl ExecResult {
    pub fn trapped(&self) -> bool {
        matches!(self.outcome, ExecOutcome::Trap { .. })
    }
}

pub struct CanisterInstance {
    store: Store<HostState>,
    instance: Instance,
    module: Arc<CompiledModule>,
    memory: Option<Memory>,
    table: Option<Table>,
    /// The instruction counter injected by `wasm::instrument`.
    counter: Global,
    globals: Vec<Global>,
    /// The committed heap, kept in sync chunk by chunk (see `take_snapshot`).
    heap_shadow: Vec<u8>,
    shadow_valid: bool,
    globals_snapshot: Vec<Val>,
}

/// Granularity of heap change detection.
const SHADOW_CHUNK: usize = 4096;

static REBUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many rollbacks had to re-instantiate a module because its memory grew (process-wide).
pub fn rebuild_count() -> u64 {
    REBUILDS.load(std::sync::atomic::Ordering::Relaxed)
}

impl CanisterInstance {
    /// Instantiates the module with the given stable memory (empty for install, kept for upgrade)
    /// and runs its `(start)` function, if any.
    pub fn new(module: Arc<CompiledModule>, stable: StableMemory) -> Result<Self, String> {
        let mut store = Store::new(engine(), HostState { stable, ..Default::default() });
        store.limiter(|s| &mut s.limits);
        let instance = module
            .instance_pre
            .instantiate(&mut store)
            .map_err(|e| format!("Wasm module could not be instantiated: {}", classify(e, None).0))?;
        let memory = instance.get_memory(&mut store, MEMORY_EXPORT);
        let table = instance.get_table(&mut store, TABLE_EXPORT);
        let counter = instance
            .get_global(&mut store, COUNTER_EXPORT)
            .ok_or("Wasm module could not be instantiated: the instruction counter is missing")?;
        let globals = module
            .mutable_globals
            .iter()
            .filter_map(|name| instance.get_global(&mut store, name))
            .collect();
        store.data_mut().memory = memory;
        store.data_mut().counter = Some(counter);
        store.data_mut().ctx.instruction_limit = START_INSTRUCTION_LIMIT as u64;
        if module.has_start {
            let start = instance
                .get_typed_func::<(), ()>(&mut store, START_EXPORT)
                .map_err(|e| format!("Wasm module's start function has the wrong type: {e}"))?;
            if let Err(e) = start.call(&mut store, ()) {
                let left = counter.get(&mut store).i64();
                return Err(format!("Wasm module's start function trapped: {}", classify(e, left).0));
            }
        }
        Ok(CanisterInstance {
            store,
            instance,
            module,
            memory,
            table,
            counter,
            globals,
            heap_shadow: Vec::new(),
            shadow_valid: false,
            globals_snapshot: Vec::new(),
        })
    }

    pub fn module(&self) -> &Arc<CompiledModule> {
        &self.module
    }

    pub fn stable(&self) -> &StableMemory {
        &self.store.data().stable
    }

    pub fn stable_mut(&mut self) -> &mut StableMemory {
        &mut self.store.data_mut().stable
    }

    /// Takes the stable memory out (for an upgrade), leaving this instance with an empty one.
    pub fn take_stable(&mut self) -> StableMemory {
        std::mem::take(&mut self.store.data_mut().stable)
    }

    pub fn heap_bytes(&self) -> &[u8] {
        self.memory.map(|m| m.data(&self.store)).unwrap_or(&[])
    }

    pub fn heap_size(&self) -> u64 {
        self.memory.map(|m| m.data_size(&self.store) as u64).unwrap_or(0)
    }

    /// Values of the mutable globals (for snapshots).
    pub fn global_values(&mut self) -> Vec<Val> {
        self.globals.iter().map(|g| g.get(&mut self.store)).collect()
    }

    /// Runs one execution. With `commit == false` (queries) its effects are always rolled back.
    pub fn run(&mut self, entry: &Entry, ctx: ExecContext, commit: bool, wasm_memory_limit: u64) -> ExecResult {
        let limit = ctx.instruction_limit;
        self.take_snapshot();
        {
            let state = self.store.data_mut();
            state.ctx = ctx;
            state.limits.wasm_memory_limit = wasm_memory_limit;
        }
        let _ = self.counter.set(&mut self.store, Val::I64(limit.min(i64::MAX as u64) as i64));
        let result = self.call(entry);
        let left = self.counter.get(&mut self.store).i64().unwrap_or(0);
        let instructions = limit.saturating_sub(left.max(0) as u64);
        let outcome = match result {
            Ok(()) => ExecOutcome::Ok,
            Err(e) => {
                let (mut message, error_code) = classify(e, Some(left));
                if error_code == ErrorCode::CANISTER_INSTRUCTION_LIMIT_EXCEEDED {
                    message = format!("Canister exceeded the limit of {limit} instructions for single message execution.");
                }
                ExecOutcome::Trap { message, error_code }
            }
        };
        // Take the execution's context (its reply, queued calls) first: a rollback after memory growth
        // rebuilds the instance, which would drop it.
        let ctx = std::mem::take(&mut self.store.data_mut().ctx);
        if commit && outcome == ExecOutcome::Ok {
            self.commit_snapshot();
        } else {
            self.restore_snapshot();
        }
        ExecResult { ctx, outcome, instructions }
    }

    fn call(&mut self, entry: &Entry) -> wasmtime::Result<()> {
        match entry {
            Entry::Export(name) => {
                let f = self
                    .instance
                    .get_typed_func::<(), ()>(&mut self.store, name)
                    .map_err(|_| CanisterTrap(format!("Canister has no exported function '{name}'")))?;
                f.call(&mut self.store, ())
            }
            Entry::Callback { fun, env } => {
                let table = self.table.ok_or_else(|| CanisterTrap("Canister has no function table for callbacks".into()))?;
                let func = match table.get(&mut self.store, *fun as u64) {
                    Some(Ref::Func(Some(f))) => f,
                    _ => return Err(CanisterTrap(format!("Callback table index {fun} is not a function")).into()),
                };
                let typed = func
                    .typed::<u32, ()>(&self.store)
                    .map_err(|_| CanisterTrap(format!("Callback at table index {fun} does not have type (i32) -> ()")))?;
                typed.call(&mut self.store, *env)
            }
        }
    }

    /// Before an execution: the heap shadow (a copy of the committed heap) is made once and then
    /// kept in sync, so an execution costs one compare pass plus copies of the chunks it changed.
    fn take_snapshot(&mut self) {
        if let Some(mem) = self.memory {
            if !self.shadow_valid {
                self.heap_shadow.clear();
                self.heap_shadow.extend_from_slice(mem.data(&self.store));
                self.shadow_valid = true;
            }
        }
        self.globals_snapshot.clear();
        for g in &self.globals {
            self.globals_snapshot.push(g.get(&mut self.store));
        }
        self.store.data_mut().stable.begin();
    }

    /// After a committed execution: copy the changed chunks (and any growth) into the shadow.
    fn commit_snapshot(&mut self) {
        self.store.data_mut().stable.commit();
        if let Some(mem) = self.memory {
            let data = mem.data(&self.store);
            if data.len() > self.heap_shadow.len() {
                let old = self.heap_shadow.len();
                self.heap_shadow.extend_from_slice(&data[old..]);
            }
            for (now, shadow) in data.chunks(SHADOW_CHUNK).zip(self.heap_shadow.chunks_mut(SHADOW_CHUNK)) {
                if now != shadow {
                    shadow.copy_from_slice(now);
                }
            }
        }
    }

    /// After a trap or a query: copy the changed chunks back from the shadow.
    fn restore_snapshot(&mut self) {
        self.store.data_mut().stable.rollback();
        if let Some(mem) = self.memory {
            if mem.data_size(&self.store) != self.heap_shadow.len() {
                // The memory grew and wasm memories cannot shrink: rebuild the instance from the shadow.
                self.rebuild_from_snapshot();
                return;
            }
            let data = mem.data_mut(&mut self.store);
            for (now, shadow) in data.chunks_mut(SHADOW_CHUNK).zip(self.heap_shadow.chunks(SHADOW_CHUNK)) {
                if now != shadow {
                    now.copy_from_slice(shadow);
                }
            }
        }
        for (g, v) in self.globals.iter().zip(self.globals_snapshot.iter()) {
            let _ = g.set(&mut self.store, *v);
        }
    }

    fn rebuild_from_snapshot(&mut self) {
        REBUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stable = self.take_stable();
        let heap = std::mem::take(&mut self.heap_shadow);
        let globals = std::mem::take(&mut self.globals_snapshot);
        let mut fresh = CanisterInstance::new(self.module.clone(), stable).expect("a module that instantiated once instantiates again");
        fresh.restore_heap(&heap, &globals);
        fresh.heap_shadow = heap;
        fresh.shadow_valid = true;
        *self = fresh;
    }

    /// Sets the heap (growing the memory as needed) and the mutable globals, e.g. from a snapshot.
    pub fn restore_heap(&mut self, heap: &[u8], globals: &[Val]) {
        self.shadow_valid = false;
        if let Some(mem) = self.memory {
            let current = mem.data_size(&self.store);
            if heap.len() > current {
                let pages = ((heap.len() - current) as u64).div_ceil(65536);
                let _ = mem.grow(&mut self.store, pages);
            }
            mem.data_mut(&mut self.store)[..heap.len()].copy_from_slice(heap);
        }
        for (g, v) in self.globals.iter().zip(globals.iter()) {
            let _ = g.set(&mut self.store, *v);
        }
    }
}

/// Turns a wasmtime error into the message and IC error code the caller sees. `counter` is the
/// instruction counter after the execution: the metering code traps with `unreachable` once it
/// is negative, which is the instruction limit, not a canister's own `unreachable`.
pub fn classify(err: wasmtime::Error, counter: Option<i64>) -> (String, &'static str) {
    let out_of_instructions = || {
        ("Canister exceeded the instruction limit for single message execution.".to_string(), ErrorCode::CANISTER_INSTRUCTION_LIMIT_EXCEEDED)
    };
    if err.downcast_ref::<OutOfInstructions>().is_some() {
        return out_of_instructions();
    }
    if let Some(t) = err.downcast_ref::<CanisterTrap>() {
        let code = if t.0.starts_with("Canister called `ic0.trap`") {
            ErrorCode::CANISTER_CALLED_TRAP
        } else {
            ErrorCode::CANISTER_CONTRACT_VIOLATION
        };
        return (t.0.clone(), code);
    }
    if let Some(m) = err.downcast_ref::<WasmMemoryLimitExceeded>() {
        return (m.to_string(), ErrorCode::CANISTER_WASM_MEMORY_LIMIT_EXCEEDED);
    }
    if let Some(trap) = err.downcast_ref::<Trap>() {
        return match trap {
            Trap::UnreachableCodeReached if counter.is_some_and(|c| c < 0) => out_of_instructions(),
            Trap::UnreachableCodeReached => ("Canister trapped: unreachable".into(), ErrorCode::CANISTER_TRAPPED),
            Trap::MemoryOutOfBounds => ("Canister trapped: heap out of bounds".into(), ErrorCode::CANISTER_TRAPPED),
            Trap::StackOverflow => ("Canister trapped: stack overflow".into(), ErrorCode::CANISTER_TRAPPED),
            other => (format!("Canister trapped: {other}"), ErrorCode::CANISTER_TRAPPED),
        };
    }
    (format!("Canister trapped: {err:#}"), ErrorCode::CANISTER_TRAPPED)
}
