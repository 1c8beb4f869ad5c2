//! The library API (in the spirit of PocketIC). `Devnet` is `Send + Sync`: every method takes `&self`
//! and locks the subnet, so tests and the HTTP server can share one instance.
use candid::utils::ArgumentEncoder;
use candid::{CandidType, Principal};
use ic_management_canister_types as mgmt;
use serde::Deserialize;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::certification::Certifier;
use crate::clock::Clock;
use crate::config::{Config, Fees};
use crate::execution::MANAGEMENT_CANISTER;
use crate::management::install::InstallMode;
use crate::state::LogRecord;
use crate::subnet::Subnet;
use crate::types::{CanisterStatus, IngressStatus, MessageId, RejectCode, RejectResponse};
use crate::wasm::MetadataVisibility;

pub struct Devnet {
    subnet: Mutex<Subnet>,
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
        Devnet { subnet: Mutex::new(Subnet::new(self.config, Clock::new(self.real_time), certifier)) }
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

    /// Direct access to the subnet (for the server: state tree, ingress records, metadata).
    pub fn subnet(&self) -> MutexGuard<'_, Subnet> {
        self.subnet.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn certifier(&self) -> Arc<Certifier> {
        self.subnet().certifier.clone()
    }

    pub fn root_key_der(&self) -> Vec<u8> {
        self.subnet().certifier.root_key_der().to_vec()
    }

    pub fn subnet_id(&self) -> Principal {
        self.subnet().certifier.subnet_id()
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

    /// Runs everything due: timers, heartbeats, queued messages.
    pub fn tick(&self) {
        self.subnet().tick();
    }

    /// A canister with the default 100T cycles, controlled by `controller`.
    pub fn create_canister(&self, controller: Principal) -> Principal {
        let mut s = self.subnet();
        let cycles = s.config.default_cycles;
        s.create_canister_internal(None, vec![controller], cycles, None).expect("fresh ids never collide")
    }

    pub fn create_canister_with_id(&self, id: Principal, controller: Principal) -> Result<Principal, RejectResponse> {
        let mut s = self.subnet();
        let cycles = s.config.default_cycles;
        s.create_canister_internal(Some(id), vec![controller], cycles, None)
    }

    pub fn create_canister_with_settings(
        &self,
        controller: Principal,
        cycles: u128,
        settings: Option<mgmt::CanisterSettings>,
    ) -> Result<Principal, RejectResponse> {
        self.subnet().create_canister_internal(None, vec![controller], cycles, settings.as_ref())
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

    pub fn install_code(&self, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>, sender: Principal) -> Result<(), RejectResponse> {
        self.subnet().install_code(sender, canister, InstallMode::Install, wasm, arg)
    }

    pub fn reinstall_code(&self, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>, sender: Principal) -> Result<(), RejectResponse> {
        self.subnet().install_code(sender, canister, InstallMode::Reinstall, wasm, arg)
    }

    pub fn upgrade_canister(&self, canister: Principal, wasm: Vec<u8>, arg: Vec<u8>, sender: Principal) -> Result<(), RejectResponse> {
        self.subnet().install_code(sender, canister, InstallMode::Upgrade { skip_pre_upgrade: false }, wasm, arg)
    }

    /// An update call as ingress: queued, then the subnet runs until it completes.
    pub fn update_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        let mut s = self.subnet();
        let id = s.submit_ingress(None, canister, sender, method, arg)?;
        let result = s.await_ingress(&id);
        // Nobody else knows this id: drop its record so long runs do not accumulate them.
        s.ingress.remove(&id);
        result
    }

    pub fn query_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        self.subnet().execute_query(canister, sender, method, arg)
    }

    /// Queues an ingress message without running it.
    pub fn submit_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<MessageId, RejectResponse> {
        self.subnet().submit_ingress(None, canister, sender, method, arg)
    }

    /// Queues an ingress message under a caller-chosen id (the HTTP request id); idempotent.
    pub fn submit_ingress_with_id(
        &self,
        id: MessageId,
        canister: Principal,
        sender: Principal,
        method: &str,
        arg: Vec<u8>,
    ) -> Result<MessageId, RejectResponse> {
        self.subnet().submit_ingress(Some(id), canister, sender, method, arg)
    }

    /// Runs the subnet until the call completes.
    pub fn await_call(&self, id: MessageId) -> Result<Vec<u8>, RejectResponse> {
        self.subnet().await_ingress(&id)
    }

    pub fn ingress_status(&self, id: &MessageId) -> Option<IngressStatus> {
        self.subnet().ingress.get(id).map(|r| r.status.clone())
    }

    /// Instructions of the last top-level execution run by `update_call`/`await_call`/`query_call`.
    pub fn last_instructions(&self) -> u64 {
        self.subnet().last_instructions
    }

    /// Calls a management canister method as `sender` (ingress path, controllers enforced).
    pub fn management_call(&self, sender: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        self.update_call(MANAGEMENT_CANISTER, sender, method, arg)
    }

    fn management_unit(&self, canister: Principal, sender: Principal, method: &str) -> Result<(), RejectResponse> {
        let arg = candid::encode_one(mgmt::CanisterIdRecord { canister_id: canister }).map_err(|e| encode_error(method, e))?;
        self.management_call(sender, method, arg).map(|_| ())
    }

    pub fn canister_status(&self, canister: Principal, sender: Principal) -> Result<CanisterStatus, RejectResponse> {
        let s = self.subnet();
        s.controlled_canister(&canister, &sender)?;
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
