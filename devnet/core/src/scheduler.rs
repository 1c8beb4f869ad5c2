//! Drives the subnet: takes messages from the FIFO queue one at a time, schedules due timers and
//! heartbeats, and tracks ingress messages until they complete.
use candid::Principal;
use sha2::{Digest, Sha256};

use crate::execution::MANAGEMENT_CANISTER;
use crate::runtime::EntryKind;
use crate::state::{IngressRecord, Message, Origin, Request};
use crate::subnet::Subnet;
use crate::types::{ErrorCode, IngressStatus, MessageId, RejectCode, RejectResponse};

impl Subnet {
    /// Executes the next queued message; false when the queue is empty.
    pub fn step(&mut self) -> bool {
        let Some(message) = self.queue.pop_front() else { return false };
        match message {
            Message::Request(req) => self.execute_request(req),
            Message::Response(resp) => self.execute_response(resp),
            Message::Task { canister, kind } => self.execute_task(canister, kind),
        }
        true
    }

    /// Queues the global timers that are due and, if `heartbeats`, a heartbeat for every canister
    /// that has one. Returns how many tasks were queued.
    pub fn schedule_system_tasks(&mut self, heartbeats: bool) -> usize {
        let now = self.clock.now();
        let mut tasks = Vec::new();
        for (id, c) in self.canisters.iter_mut() {
            if c.run_state != crate::types::CanisterRunState::Running || c.code.is_none() {
                continue;
            }
            if c.global_timer != 0 && c.global_timer <= now && c.exports("canister_global_timer") {
                // The timer is disarmed before its handler runs; the handler may set it again.
                c.global_timer = 0;
                tasks.push(Message::Task { canister: *id, kind: EntryKind::Timer });
            }
            if heartbeats && c.exports("canister_heartbeat") {
                tasks.push(Message::Task { canister: *id, kind: EntryKind::Heartbeat });
            }
        }
        let n = tasks.len();
        self.queue.extend(tasks);
        n
    }

    /// One round: due timers, heartbeats, then every queued message (bounded).
    pub fn tick(&mut self) {
        self.schedule_system_tasks(true);
        let mut budget = self.config.max_messages_per_tick;
        while budget > 0 && self.step() {
            budget -= 1;
        }
    }

    /// Accepts an ingress message (after `canister_inspect_message`) and queues it.
    pub fn submit_ingress(
        &mut self,
        id: Option<MessageId>,
        receiver: Principal,
        sender: Principal,
        method: &str,
        arg: Vec<u8>,
    ) -> Result<MessageId, RejectResponse> {
        if receiver != MANAGEMENT_CANISTER {
            if !self.canisters.contains_key(&receiver) {
                return Err(RejectResponse::destination_invalid(
                    format!("Canister {receiver} not found"),
                    ErrorCode::CANISTER_NOT_FOUND,
                ));
            }
            self.inspect_message(receiver, sender, method, &arg)?;
        }
        let id = id.unwrap_or_else(|| {
            let n = self.fresh_id();
            MessageId(Sha256::new().chain_update(b"devnet-ingress").chain_update(n.to_be_bytes()).finalize().into())
        });
        if self.ingress.contains_key(&id) {
            return Ok(id);
        }
        let time_nanos = self.clock.now();
        self.ingress.insert(id, IngressRecord { receiver, status: IngressStatus::Received, instructions: None, time_nanos });
        self.queue.push_back(Message::Request(Request {
            sender,
            receiver,
            method: method.to_string(),
            arg,
            cycles: 0,
            origin: Origin::Ingress(id),
        }));
        Ok(id)
    }

    fn ingress_result(&self, id: &MessageId) -> Option<Result<Vec<u8>, RejectResponse>> {
        match &self.ingress.get(id)?.status {
            IngressStatus::Replied(bytes) => Some(Ok(bytes.clone())),
            IngressStatus::Rejected(reject) => Some(Err(reject.clone())),
            _ => None,
        }
    }

    /// Runs the subnet until the ingress message completes.
    pub fn await_ingress(&mut self, id: &MessageId) -> Result<Vec<u8>, RejectResponse> {
        if !self.ingress.contains_key(id) {
            return Err(RejectResponse::new(RejectCode::SysFatal, format!("unknown message id {id}"), None));
        }
        let mut idle_rounds = 0;
        let mut budget = self.config.max_messages_per_tick;
        loop {
            if let Some(result) = self.ingress_result(id) {
                if let Some(instructions) = self.ingress.get(id).and_then(|r| r.instructions) {
                    self.last_instructions = instructions;
                }
                return result;
            }
            if budget == 0 {
                break;
            }
            if self.step() {
                budget -= 1;
                continue;
            }
            // Nothing queued: let due timers and heartbeats run, a few rounds at most.
            idle_rounds += 1;
            if idle_rounds > 3 || self.schedule_system_tasks(true) == 0 {
                break;
            }
        }
        Err(RejectResponse::new(
            RejectCode::SysTransient,
            format!("message {id} did not complete: the subnet ran out of work before it was answered"),
            None,
        ))
    }
}
