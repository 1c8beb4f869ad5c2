//! The library API (in the spirit of PocketIC). `Devnet` is `Send + Sync`: every method takes `&self`
//! and locks the subnet for one message at a time, so calls made from several threads (the HTTP
//! server's requests, a test's threads) interleave between awaits as they do on the IC.
use candid::utils::ArgumentEncoder;
use candid::{CandidType, Principal};
use ic_management_canister_types as mgmt;
use serde::Deserialize;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::certification::Certifier;
use crate::clock::Clock;
use crate::config::{Config, Fees};
use crate::execution::MANAGEMENT_CANISTER;
use crate::management::install::InstallMode;
use crate::state::LogRecord;
use crate::subnet::{ResponseFault, Subnet};
use crate::types::{CanisterStatus, IngressStatus, MessageId, RejectCode, RejectResponse};
use crate::wasm::MetadataVisibility;

/// What `Devnet::dry_run` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRunOf {
    Update,
    InspectMessage,
}

/// The instructions a dry run executed and the trap it ended in, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DryRun {
    pub instructions: u64,
    pub trap: Option<String>,
}

pub struct Devnet {
    subnet: Mutex<Subnet>,
    /// Signalled after every executed message: callers waiting for their call wake up.
    progress: Condvar,
}

#[derive(Default)]
pub struct DevnetBuilder {
    real_time: bool,
    config: Config,
    secret_key: Option<[u8; 32]>,
    seed: Option<Vec<u8>>,
}

impl DevnetBuilder {
    /// Follow the wall clock instead of a clock driven by `advance_time`.
    pub fn real_time(mut self, on: bool) -> Self {
        self.real_time = on;
        self
    }
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }
    pub fn fees(mut self, fees: Fees) -> Self {
        self.config.fees = fees;
        self
    }
    pub fn instruction_limits(mut self, update: u64, query: u64) -> Self {
        self.config.update_instruction_limit = update;
        self.config.query_instruction_limit = query;
        self
    }
    /// Use this BLS secret key as the root key (e.g. one persisted by the server).
    pub fn secret_key(mut self, key: [u8; 32]) -> Self {
        self.secret_key = Some(key);
        self
    }
    /// Derive the root key from this seed (the default seed is fixed, so root keys are reproducible).
    pub fn root_key_seed(mut self, seed: &[u8]) -> Self {
        self.seed = Some(seed.to_vec());
        self
    }
    pub fn build(self) -> Devnet {
        let certifier = match self.secret_key {
            Some(k) => Certifier::from_key(
                ic_verify_bls_signature::PrivateKey::deserialize(&k).expect("a valid BLS12-381 secret key"),
            ),
            None => Certifier::from_seed(self.seed.as_deref().unwrap_or(b"devnet")),
        };
        Devnet { subnet: Mutex::new(Subnet::new(self.config, Clock::new(self.real_time), certifier)), progress: Condvar::new() }
    }
}

fn encode_error(method: &str, e: impl std::fmt::Display) -> RejectResponse {
    RejectResponse::new(RejectCode::SysFatal, format!("failed to encode the arguments of {method}: {e}"), None)
}

fn decode_reply<R: for<'a> Deserialize<'a> + CandidType>(method: &str, bytes: &[u8]) -> Result<R, RejectResponse> {
    candid::decode_one(bytes).map_err(|e| {
        RejectResponse::new(
            RejectCode::SysFatal,
            format!("failed to decode the reply of {method} as {}: {e}", std::any::type_name::<R>()),
            None,
        )
    })
}

fn from_user(user: Principal) -> mgmt::ChangeOrigin {
    mgmt::ChangeOrigin::FromUser(mgmt::FromUserRecord { user_id: user })
}

impl Default for Devnet {
    fn default() -> Self {
        Self::new()
    }
}

impl Devnet {
    /// A fresh devnet with a test-driven clock starting at 2025-01-01T00:00:00Z.
    pub fn new() -> Self {
        Self::builder().build()
    }

    pub fn builder() -> DevnetBuilder {
        DevnetBuilder::default()
    }

    /// The locked subnet (held for one message at most).
    pub(crate) fn subnet(&self) -> MutexGuard<'_, Subnet> {
        self.subnet.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn certifier(&self) -> Arc<Certifier> {
        self.subnet().certifier.clone()
    }

    pub fn root_key_der(&self) -> Vec<u8> {
        self.subnet().certifier.root_key_der().to_vec()
    }

    /// Runs `method` on `canister` once and discards every effect: as an update called by another
    /// canister `caller` (so without `canister_inspect_message`), or only the canister's
    /// `canister_inspect_message` for an ingress message to `method`. For cost tests: what one message
    /// would cost, and the trap it would end in.
    pub fn dry_run(&self, canister: Principal, caller: Principal, run: DryRunOf, method: &str, arg: &[u8]) -> DryRun {
        use crate::execution::Prepaid;
        use crate::runtime::{Entry, EntryKind, ExecOutcome};
        let (kind, export) = match run {
            DryRunOf::Update => (EntryKind::Update, format!("canister_update {method}")),
            DryRunOf::InspectMessage => (EntryKind::InspectMessage, "canister_inspect_message".to_string()),
        };
        let mut subnet = self.subnet();
        let mut ctx = subnet.base_context(&canister, kind);
        ctx.caller = caller;
        ctx.method = method.to_string();
        ctx.arg = arg.to_vec();
        ctx.may_respond = kind != EntryKind::InspectMessage;
        let result = subnet
            .run_on_canister(&canister, &Entry::Export(export), ctx, false, Prepaid::Free)
            .expect("the canister exists and has code");
        let trap = match result.outcome {
            ExecOutcome::Trap { message, .. } => Some(message),
            ExecOutcome::Ok => None,
        };
        DryRun { instructions: result.instructions, trap }
    }

    /// The root key canisters read with `ic0.root_key_copy` (default: this devnet's own). A test sets
    /// another, e.g. mainnet's, to check that a development-only canister refuses to run there.
    pub fn set_root_key_seen_by_canisters(&self, der: Vec<u8>) {
        self.subnet().root_key = Arc::new(der);
    }

    pub fn subnet_id(&self) -> Principal {
        self.subnet().certifier.subnet_id()
    }

    pub fn config(&self) -> Config {
        self.subnet().config.clone()
    }

    pub fn time_nanos(&self) -> u64 {
        self.subnet().clock.now()
    }

    pub fn advance_time(&self, d: Duration) {
        self.subnet().clock.advance(d);
    }

    pub fn set_time_nanos(&self, t: u64) {
        self.subnet().clock.set(t);
    }

    /// Executes the next queued message (after due deadlines and resource charges); false when
    /// nothing is queued.
    pub fn execute_next_message(&self) -> bool {
        let ran = self.subnet().step();
        if ran {
            self.progress.notify_all();
        }
        ran
    }

    /// Runs everything due: timers, heartbeats, queued messages (one message per lock).
    pub fn tick(&self) {
        let mut budget = {
            let mut s = self.subnet();
            s.schedule_system_tasks(true);
            s.config.max_messages_per_tick
        };
        while budget > 0 && self.execute_next_message() {
            budget -= 1;
        }
    }

    /// A test hook: delays or drops the responses `canister` sends (None removes the fault).
    pub fn set_response_fault(&self, canister: Principal, fault: Option<ResponseFault>) {
        let mut s = self.subnet();
        match fault {
            Some(f) => s.response_faults.insert(canister, f),
            None => s.response_faults.remove(&canister),
        };
    }

    /// A canister with the default 100T cycles, controlled by `controller`.
    pub fn create_canister(&self, controller: Principal) -> Principal {
        let mut s = self.subnet();
        let cycles = s.config.default_cycles;
        s.create_canister_internal(None, vec![controller], cycles, None, from_user(controller)).expect("fresh ids never collide")
    }

    pub fn create_canister_with_id(&self, id: Principal, controller: Principal) -> Result<Principal, RejectResponse> {
        let mut s = self.subnet();
        let cycles = s.config.default_cycles;
        s.create_canister_internal(Some(id), vec![controller], cycles, None, from_user(controller))
    }

    pub fn create_canister_with_settings(
        &self,
        controller: Principal,
        cycles: u128,
        settings: Option<mgmt::CanisterSettings>,
    ) -> Result<Principal, RejectResponse> {
        self.subnet().create_canister_internal(None, vec![controller], cycles, settings.as_ref(), from_user(controller))
    }

    /// Adds cycles; returns the new balance (0 if the canister does not exist).
    pub fn add_cycles(&self, canister: Principal, amount: u128) -> u128 {
        let mut s = self.subnet();
        match s.canisters.get_mut(&canister) {
            Some(c) => {
                c.cycles = c.cycles.saturating_add(amount);
                c.cycles
            }
            None => 0,
        }
    }

    pub fn cycle_balance(&self, canister: Principal) -> u128 {
        self.subnet().canisters.get(&canister).map(|c| c.cycles).unwrap_or(0)
    }

    /// The canister's freezing limit: below it the canister is frozen.
    pub fn freezing_limit(&self, canister: Principal) -> u128 {
        let s = self.subnet();
        s.canisters.get(&canister).map(|c| s.freezing_limit(c)).unwrap_or(0)
    }

    pub fn install_code(&self, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>, sender: Principal) -> Result<(), RejectResponse> {
        self.subnet().install_code(sender, canister, InstallMode::Install, wasm, arg, from_user(sender))
    }

    pub fn reinstall_code(&self, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>, sender: Principal) -> Result<(), RejectResponse> {
        self.subnet().install_code(sender, canister, InstallMode::Reinstall, wasm, arg, from_user(sender))
    }

    pub fn upgrade_canister(&self, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>, sender: Principal) -> Result<(), RejectResponse> {
        self.subnet().install_code(sender, canister, InstallMode::Upgrade { skip_pre_upgrade: false }, wasm, arg, from_user(sender))
    }

    /// An update call as ingress: accepted (or refused at once), then run until it completes,
    /// interleaving with other callers' messages.
    pub fn update_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        let id = self.submit_call(canister, sender, method, arg)?;
        let result = self.await_call(id);
        // Nobody else knows this id: drop its record so long runs do not accumulate them.
        self.subnet().ingress.remove(&id);
        result
    }

    pub fn query_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        self.subnet().execute_query(canister, sender, method, arg)
    }

    /// Accepts an ingress message without running it; Err is a refusal at submission
    /// (`non_replicated_rejection` over HTTP).
    pub fn submit_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<MessageId, RejectResponse> {
        let id = self.subnet().submit_ingress(None, canister, sender, method, arg)?;
        self.progress.notify_all();
        Ok(id)
    }

    /// Accepts an ingress message under a caller-chosen id (the HTTP request id); idempotent.
    pub fn submit_ingress_with_id(
        &self,
        id: MessageId,
        canister: Principal,
        sender: Principal,
        method: &str,
        arg: Vec<u8>,
    ) -> Result<MessageId, RejectResponse> {
        let id = self.subnet().submit_ingress(Some(id), canister, sender, method, arg)?;
        self.progress.notify_all();
        Ok(id)
    }

    /// Runs the subnet until the call completes. With a test-driven clock, a call that cannot
    /// complete without time passing is reported as such; see `await_call_for` for real time.
    pub fn await_call(&self, id: MessageId) -> Result<Vec<u8>, RejectResponse> {
        self.await_call_for(id, None).unwrap_or_else(|| {
            Err(RejectResponse::new(RejectCode::SysTransient, format!("message {id} did not complete in time"), None))
        })
    }

    /// Runs the subnet until the call completes or (real-time clock) `wait` has passed: None then.
    /// Executes one message per lock, so calls awaited by other threads make progress too.
    pub fn await_call_for(&self, id: MessageId, wait: Option<Duration>) -> Option<Result<Vec<u8>, RejectResponse>> {
        let give_up = wait.map(|w| Instant::now() + w);
        let mut budget = self.subnet().config.max_messages_per_tick;
        let mut idle_rounds = 0;
        loop {
            let mut s = self.subnet();
            let Some(record) = s.ingress.get(&id) else {
                return Some(Err(RejectResponse::new(RejectCode::SysFatal, format!("unknown message id {id}"), None)));
            };
            let instructions = record.instructions;
            let done = match &record.status {
                IngressStatus::Replied(bytes) => Some(Ok(bytes.clone())),
                IngressStatus::Rejected(reject) => Some(Err(reject.clone())),
                _ => None,
            };
            if let Some(result) = done {
                if let Some(instructions) = instructions {
                    s.last_instructions = instructions;
                }
                return Some(result);
            }
            if budget > 0 && s.step() {
                budget -= 1;
                drop(s);
                self.progress.notify_all();
                continue;
            }
            if s.clock.is_real_time() {
                // Waiting for time (timers, deadlines, delayed responses) or for other callers.
                if give_up.is_some_and(|t| Instant::now() >= t) {
                    return None;
                }
                s.schedule_system_tasks(false);
                budget = s.config.max_messages_per_tick;
                let _ = self.progress.wait_timeout(s, Duration::from_millis(5));
                continue;
            }
            // A test-driven clock does not move by itself: let due timers and heartbeats run a
            // few rounds, then report that the call is stuck.
            idle_rounds += 1;
            if budget == 0 || idle_rounds > 3 || s.schedule_system_tasks(true) == 0 {
                return Some(Err(RejectResponse::new(
                    RejectCode::SysTransient,
                    format!("message {id} did not complete: the subnet ran out of work before it was answered"),
                    None,
                )));
            }
        }
    }

    pub fn ingress_status(&self, id: &MessageId) -> Option<IngressStatus> {
        self.subnet().ingress.get(id).map(|r| r.status.clone())
    }

    /// Forgets an ingress message's record (the server keeps its own statuses).
    pub fn forget_ingress(&self, id: &MessageId) {
        self.subnet().ingress.remove(id);
    }

    /// Instructions of the last top-level execution run by `update_call`/`await_call`/`query_call`.
    pub fn last_instructions(&self) -> u64 {
        self.subnet().last_instructions
    }

    /// Calls a management canister method as `sender` (ingress path: controllers enforced, users'
    /// limits apply).
    pub fn management_call(&self, sender: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        self.update_call(MANAGEMENT_CANISTER, sender, method, arg)
    }

    fn management_unit(&self, canister: Principal, sender: Principal, method: &str) -> Result<(), RejectResponse> {
        let arg = candid::encode_one(mgmt::CanisterIdRecord { canister_id: canister }).map_err(|e| encode_error(method, e))?;
        self.management_call(sender, method, arg).map(|_| ())
    }

    pub fn canister_status(&self, canister: Principal, sender: Principal) -> Result<CanisterStatus, RejectResponse> {
        let s = self.subnet();
        s.controlled_or_self(&canister, &sender)?;
        Ok(s.canister_status_of(&canister).expect("exists"))
    }

    pub fn stop_canister(&self, canister: Principal, sender: Principal) -> Result<(), RejectResponse> {
        self.management_unit(canister, sender, "stop_canister")
    }

    pub fn start_canister(&self, canister: Principal, sender: Principal) -> Result<(), RejectResponse> {
        self.management_unit(canister, sender, "start_canister")
    }

    pub fn delete_canister(&self, canister: Principal, sender: Principal) -> Result<(), RejectResponse> {
        self.management_unit(canister, sender, "delete_canister")
    }

    pub fn module_hash(&self, canister: Principal) -> Option<[u8; 32]> {
        self.subnet().canisters.get(&canister).and_then(|c| c.module_hash())
    }

    pub fn controllers(&self, canister: Principal) -> Vec<Principal> {
        self.subnet().canisters.get(&canister).map(|c| c.controllers.clone()).unwrap_or_default()
    }

    pub fn certified_data(&self, canister: Principal) -> Vec<u8> {
        self.subnet().canisters.get(&canister).map(|c| c.certified_data.clone()).unwrap_or_default()
    }

    pub fn canister_exists(&self, canister: Principal) -> bool {
        self.subnet().canisters.contains_key(&canister)
    }

    pub fn canister_ids(&self) -> Vec<Principal> {
        self.subnet().canisters.keys().copied().collect()
    }

    /// The canister's recorded changes (what `canister_info` returns), oldest first.
    pub fn canister_history(&self, canister: Principal) -> Vec<mgmt::Change> {
        self.subnet().canisters.get(&canister).map(|c| c.history.iter().cloned().collect()).unwrap_or_default()
    }

    /// A metadata section (`icp:public <name>` / `icp:private <name>`) of the installed module.
    pub fn metadata(&self, canister: Principal, name: &str) -> Option<(MetadataVisibility, Vec<u8>)> {
        let s = self.subnet();
        let code = s.canisters.get(&canister)?.code.as_ref()?;
        code.instance.module().metadata.get(name).map(|(v, d)| (v, d.to_vec()))
    }

    pub fn canister_logs(&self, canister: Principal) -> Vec<LogRecord> {
        self.subnet().canisters.get(&canister).map(|c| c.logs.clone()).unwrap_or_default()
    }

    pub fn stable_memory(&self, canister: Principal) -> Option<Vec<u8>> {
        let s = self.subnet();
        Some(s.canisters.get(&canister)?.code.as_ref()?.instance.stable().to_bytes())
    }

    /// Size of the canister's wasm (heap) memory in bytes.
    pub fn wasm_memory_size(&self, canister: Principal) -> u64 {
        self.subnet().canisters.get(&canister).map(|c| c.wasm_memory_bytes()).unwrap_or(0)
    }

    /// Update call with Candid arguments and a Candid reply.
    pub fn update_candid<A: ArgumentEncoder, R: for<'a> Deserialize<'a> + CandidType>(
        &self,
        canister: Principal,
        sender: Principal,
        method: &str,
        args: A,
    ) -> Result<R, RejectResponse> {
        let arg = candid::encode_args(args).map_err(|e| encode_error(method, e))?;
        let bytes = self.update_call(canister, sender, method, arg)?;
        decode_reply(method, &bytes)
    }

    /// Query call with Candid arguments and a Candid reply.
    pub fn query_candid<A: ArgumentEncoder, R: for<'a> Deserialize<'a> + CandidType>(
        &self,
        canister: Principal,
        sender: Principal,
        method: &str,
        args: A,
    ) -> Result<R, RejectResponse> {
        let arg = candid::encode_args(args).map_err(|e| encode_error(method, e))?;
        let bytes = self.query_call(canister, sender, method, arg)?;
        decode_reply(method, &bytes)
    }
}

#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Devnet>();
}
