//! The subnet: all canisters plus the message queue, executed one message at a time (FIFO, so
//! messages between a pair of canisters keep their order). `scheduler`, `execution`,
//! `bounded_wait`, `resource_charges` and `management` add the behaviour in their own
//! `impl Subnet` blocks.
use candid::Principal;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

use crate::certification::Certifier;
use crate::clock::Clock;
use crate::config::Config;
use crate::runtime::{EntryKind, ExecContext};
use crate::state::{CallContext, Callback, Canister, HeldResponse, IngressRecord, Message};
use crate::types::{ErrorCode, RejectResponse};

/// A test hook: what happens to responses from a canister (see `Devnet::set_response_fault`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseFault {
    /// Hold every response for this long before delivering it.
    Delay(std::time::Duration),
    /// Drop responses to bounded-wait calls; their callers get `SYS_UNKNOWN` at once. Responses
    /// to unbounded-wait calls are guaranteed on the IC and are delivered.
    Drop,
}

pub struct Subnet {
    pub(crate) config: Config,
    pub(crate) clock: Clock,
    pub(crate) certifier: Arc<Certifier>,
    pub(crate) root_key: Arc<Vec<u8>>,
    pub(crate) canisters: BTreeMap<Principal, Canister>,
    pub(crate) queue: VecDeque<Message>,
    pub(crate) call_contexts: HashMap<u64, CallContext>,
    pub(crate) callbacks: HashMap<u64, Callback>,
    pub(crate) ingress: HashMap<crate::types::MessageId, IngressRecord>,
    /// `(deadline, callback)` of every bounded-wait call still waiting (derived from `callbacks`).
    pub(crate) deadlines: BTreeSet<(u64, u64)>,
    /// Responses delayed by a test fault.
    pub(crate) held_responses: Vec<HeldResponse>,
    pub(crate) response_faults: BTreeMap<Principal, ResponseFault>,
    pub(crate) next_id: u64,
    pub(crate) next_canister_index: u64,
    pub(crate) last_instructions: u64,
    /// `raw_rand` draws from SHA-256(seed, counter); the seed is random per devnet and persisted.
    pub(crate) raw_rand_seed: [u8; 32],
    pub(crate) raw_rand_counter: u64,
    /// When storage and compute allocation were last charged.
    pub(crate) last_allocation_charge: u64,
}

impl Subnet {
    pub fn new(config: Config, mut clock: Clock, certifier: Certifier) -> Self {
        let root_key = Arc::new(certifier.root_key_der().to_vec());
        let now = clock.now();
        Subnet {
            config,
            clock,
            certifier: Arc::new(certifier),
            root_key,
            canisters: BTreeMap::new(),
            queue: VecDeque::new(),
            call_contexts: HashMap::new(),
            callbacks: HashMap::new(),
            ingress: HashMap::new(),
            deadlines: BTreeSet::new(),
            held_responses: Vec::new(),
            response_faults: BTreeMap::new(),
            next_id: 1,
            next_canister_index: 0,
            last_instructions: 0,
            raw_rand_seed: rand::random(),
            raw_rand_counter: 0,
            last_allocation_charge: now,
        }
    }

    pub fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The next unused canister id of the form the IC uses (8-byte index + 0x01 0x01).
    pub fn allocate_canister_id(&mut self) -> Principal {
        loop {
            let mut bytes = self.next_canister_index.to_be_bytes().to_vec();
            bytes.extend_from_slice(&[1, 1]);
            self.next_canister_index += 1;
            let id = Principal::from_slice(&bytes);
            if !self.canisters.contains_key(&id) {
                return id;
            }
        }
    }

    pub fn instruction_limit(&self, kind: EntryKind) -> u64 {
        match kind {
            EntryKind::Init | EntryKind::PreUpgrade | EntryKind::PostUpgrade => self.config.install_instruction_limit,
            EntryKind::InspectMessage => self.config.inspect_message_instruction_limit,
            k if k.is_query() => self.config.query_instruction_limit,
            _ => self.config.update_instruction_limit,
        }
    }

    /// The canister's freezing limit: what it burns idle over its freezing threshold.
    pub fn freezing_limit(&self, canister: &Canister) -> u128 {
        self.config.fees.freezing_limit(
            canister.charged_memory_bytes(),
            canister.settings.compute_allocation,
            canister.settings.freezing_threshold,
        )
    }

    /// `Err(IC0207)` unless the canister can pay `cost` and stay above its freezing limit
    /// (interface spec, "Canister cycles"; the replica's `CanisterOutOfCyclesError`).
    pub fn check_can_pay(&self, canister_id: &Principal, cost: u128) -> Result<(), RejectResponse> {
        let Some(c) = self.canisters.get(canister_id) else { return Ok(()) };
        let threshold = self.freezing_limit(c);
        if c.cycles >= threshold.saturating_add(cost) {
            return Ok(());
        }
        let missing = threshold.saturating_add(cost) - c.cycles;
        Err(RejectResponse::error(
            ErrorCode::CANISTER_OUT_OF_CYCLES,
            format!("Canister {canister_id} is out of cycles: please top up the canister with at least {missing} additional cycles"),
        ))
    }

    /// The context every execution starts from: the canister's committed state and the time.
    pub fn base_context(&mut self, canister: &Principal, kind: EntryKind) -> ExecContext {
        let time = self.clock.now();
        let limit = self.instruction_limit(kind);
        let freezing_limit = self.freezing_limit(&self.canisters[canister]);
        let c = &self.canisters[canister];
        ExecContext {
            kind,
            canister_id: *canister,
            balance: c.cycles,
            freezing_limit,
            global_timer: c.global_timer,
            time,
            status: Some(c.run_state),
            version: c.version,
            controllers: c.controllers.clone(),
            root_key: self.root_key.clone(),
            subnet_id: Some(self.certifier.subnet_id()),
            instruction_limit: limit,
            stable_memory_limit_pages: self.config.stable_memory_limit_pages,
            fees: self.config.fees.clone(),
            callback_instruction_limit: self.config.update_instruction_limit,
            max_reply_bytes: if kind.is_query() { self.config.max_query_reply_bytes } else { self.config.max_reply_bytes },
            max_request_bytes: self.config.max_request_bytes,
            max_call_timeout_seconds: self.config.max_call_timeout_seconds,
            ..Default::default()
        }
    }
}
