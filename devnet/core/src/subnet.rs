//! The subnet: all canisters plus the message queue, executed one message at a time (FIFO, so
//! messages between a pair of canisters keep their order). `scheduler`, `execution` and
//! `management` add the behaviour in their own `impl Subnet` blocks.
use candid::Principal;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;

use crate::certification::Certifier;
use crate::clock::Clock;
use crate::config::Config;
use crate::runtime::{EntryKind, ExecContext};
use crate::state::{CallContext, Callback, Canister, IngressRecord, Message};

pub struct Subnet {
    pub config: Config,
    pub clock: Clock,
    pub certifier: Arc<Certifier>,
    pub root_key: Arc<Vec<u8>>,
    pub canisters: BTreeMap<Principal, Canister>,
    pub queue: VecDeque<Message>,
    pub call_contexts: HashMap<u64, CallContext>,
    pub callbacks: HashMap<u64, Callback>,
    pub ingress: HashMap<crate::types::MessageId, IngressRecord>,
    pub next_id: u64,
    pub next_canister_index: u64,
    pub last_instructions: u64,
    pub raw_rand_counter: u64,
}

impl Subnet {
    pub fn new(config: Config, clock: Clock, certifier: Certifier) -> Self {
        let root_key = Arc::new(certifier.root_key_der().to_vec());
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
            next_id: 1,
            next_canister_index: 0,
            last_instructions: 0,
            raw_rand_counter: 0,
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
            k if k.is_query() => self.config.query_instruction_limit,
            _ => self.config.update_instruction_limit,
        }
    }

    /// The context every execution starts from: the canister's committed state and the time.
    pub fn base_context(&mut self, canister: &Principal, kind: EntryKind) -> ExecContext {
        let time = self.clock.now();
        let limit = self.instruction_limit(kind);
        let c = &self.canisters[canister];
        ExecContext {
            kind,
            canister_id: *canister,
            balance: c.cycles,
            global_timer: c.global_timer,
            time,
            status: Some(c.run_state),
            version: c.version,
            controllers: c.controllers.clone(),
            root_key: self.root_key.clone(),
            subnet_id: Some(self.certifier.subnet_id()),
            instruction_limit: limit,
            wasm_memory_limit: c.settings.wasm_memory_limit,
            stable_memory_limit_pages: self.config.stable_memory_limit_pages,
            cost_create_canister: self.config.fees.canister_creation,
            ..Default::default()
        }
    }
}
