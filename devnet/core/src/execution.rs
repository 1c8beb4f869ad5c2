//! Executing messages on canisters: incoming calls, responses (reply/reject callbacks and cleanup),
//! system tasks and queries, and committing each execution's effects (cycles, certified data,
//! timer, outgoing calls, the reply) only when it did not trap. Replicated executions are prepaid
//! for their instruction limit and refunded what they did not use (interface spec, "Message
//! execution": `MAX_CYCLES_PER_MESSAGE` / `MAX_CYCLES_PER_RESPONSE`).
use candid::Principal;

use crate::runtime::{Call, Entry, EntryKind, ExecContext, ExecOutcome, ExecResult};
use crate::state::{CallContext, Callback, Message, Origin, Request, Response};
use crate::subnet::Subnet;
use crate::types::{CanisterRunState, ErrorCode, IngressStatus, RejectResponse};

pub const MANAGEMENT_CANISTER: Principal = Principal::management_canister();

/// How an execution pays for its instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Prepaid {
    /// Prepaid from the balance for the instruction limit (calls, tasks, install hooks).
    FromBalance,
    /// Paid from cycles set aside earlier (a callback's reserve, taken at `call_perform`).
    Reserved(u128),
    /// Not charged (queries, inspect_message).
    Free,
}

fn trap_reject(canister: &Principal, message: String, error_code: &str) -> RejectResponse {
    RejectResponse::error(error_code, format!("Error from Canister {canister}: {message}"))
}

impl Subnet {
    /// Runs one entry point on a canister and commits its canister-level effects (cycles,
    /// certified data, global timer, version) if it succeeded and `commit` is set. Logs are kept
    /// either way; replicated executions are charged for their instructions either way.
    pub(crate) fn run_on_canister(
        &mut self,
        canister_id: &Principal,
        entry: &Entry,
        mut ctx: ExecContext,
        commit: bool,
        prepaid: Prepaid,
    ) -> Option<ExecResult> {
        let (kind, time, composite) = (ctx.kind, ctx.time, ctx.composite);
        if composite {
            // Composite queries are free; their calls reserve nothing.
            ctx.fees = crate::cycles::Fees::free();
        }
        let prepay = match prepaid {
            Prepaid::FromBalance => self.config.fees.execution(ctx.instruction_limit),
            Prepaid::Reserved(reserved) => reserved,
            Prepaid::Free => 0,
        };
        let canister = self.canisters.get_mut(canister_id)?;
        let before = canister.cycles;
        // The canister sees its balance minus the reserve for this execution.
        let taken = if prepaid == Prepaid::FromBalance { prepay } else { 0 };
        ctx.balance = before.saturating_sub(taken);
        let wasm_memory_limit = canister.settings.wasm_memory_limit;
        let code = canister.code.as_mut()?;
        let mut result = code.instance.run(entry, ctx, commit, wasm_memory_limit);
        let succeeded = !result.trapped();
        if commit && succeeded && !composite {
            canister.cycles = result.ctx.balance + taken;
            if let Some(data) = result.ctx.certified_data.take() {
                canister.certified_data = data;
            }
            canister.global_timer = result.ctx.global_timer;
        }
        if prepaid != Prepaid::Free {
            let used = self.config.fees.execution(result.instructions);
            let reserved_back = if prepaid == Prepaid::FromBalance { 0 } else { prepay };
            canister.cycles = (canister.cycles + reserved_back).saturating_sub(used);
        }
        // Interface spec, "Canister version": every successful replicated execution of a method,
        // callback or system task.
        if succeeded
            && matches!(
                kind,
                EntryKind::Update
                    | EntryKind::ReplicatedQuery
                    | EntryKind::ReplyCallback
                    | EntryKind::RejectCallback
                    | EntryKind::Timer
                    | EntryKind::Heartbeat
            )
            && !composite
        {
            canister.version += 1;
        }
        let logs = std::mem::take(&mut result.ctx.logs);
        canister.push_logs(time, logs);
        Some(result)
    }

    /// The export a call runs, or why the canister cannot take it.
    fn reject_new_call(&self, receiver: &Principal, method: &str) -> Result<(String, EntryKind), RejectResponse> {
        let Some(canister) = self.canisters.get(receiver) else {
            return Err(RejectResponse::error(ErrorCode::CANISTER_NOT_FOUND, format!("Canister {receiver} not found")));
        };
        match canister.run_state {
            CanisterRunState::Running => {}
            CanisterRunState::Stopping => {
                return Err(RejectResponse::error(ErrorCode::CANISTER_STOPPING, format!("Canister {receiver} is stopping")))
            }
            CanisterRunState::Stopped => {
                return Err(RejectResponse::error(ErrorCode::CANISTER_STOPPED, format!("Canister {receiver} is stopped")))
            }
        }
        if canister.code.is_none() {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_WASM_MODULE_NOT_FOUND,
                format!("Canister {receiver} has no Wasm module installed"),
            ));
        }
        // A frozen canister, or one that cannot prepay the execution, rejects new calls.
        self.check_can_pay(receiver, self.config.fees.execution(self.config.update_instruction_limit))?;
        for (prefix, kind) in [
            ("canister_update ", EntryKind::Update),
            ("canister_query ", EntryKind::ReplicatedQuery),
        ] {
            let export = format!("{prefix}{method}");
            if canister.exports(&export) {
                return Ok((export, kind));
            }
        }
        if canister.exports(&format!("canister_composite_query {method}")) {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_METHOD_NOT_FOUND,
                format!("Canister {receiver}: composite query method '{method}' cannot be called in replicated mode"),
            ));
        }
        Err(RejectResponse::error(
            ErrorCode::CANISTER_METHOD_NOT_FOUND,
            format!("Canister {receiver} has no update method '{method}'"),
        ))
    }

    pub(crate) fn execute_request(&mut self, req: Request) {
        if req.receiver == MANAGEMENT_CANISTER {
            self.execute_management_request(req);
            return;
        }
        let (export, kind) = match self.reject_new_call(&req.receiver, &req.method) {
            Ok(found) => found,
            Err(reject) => {
                self.respond(req.receiver, &req.origin, Err(reject), req.cycles);
                return;
            }
        };
        if let Origin::Ingress(id) = &req.origin {
            if let Some(record) = self.ingress.get_mut(id) {
                record.status = IngressStatus::Processing;
            }
        }
        let context_id = self.open_call_context(&req);
        let mut ctx = self.base_context(&req.receiver, kind);
        ctx.caller = req.sender;
        ctx.method = req.method;
        ctx.arg = req.arg;
        ctx.cycles_available = req.cycles;
        ctx.deadline = req.deadline;
        ctx.may_respond = true;
        let result = self
            .run_on_canister(&req.receiver, &Entry::Export(export), ctx, kind == EntryKind::Update, Prepaid::FromBalance)
            .expect("checked: the canister exists and has code");
        if let Origin::Ingress(id) = &req.origin {
            if let Some(record) = self.ingress.get_mut(id) {
                record.instructions = Some(result.instructions);
            }
        }
        self.finish_execution(context_id, result, kind == EntryKind::Update);
    }

    pub(crate) fn open_call_context(&mut self, req: &Request) -> u64 {
        let id = self.fresh_id();
        self.call_contexts.insert(
            id,
            CallContext {
                canister: req.receiver,
                origin: req.origin.clone(),
                caller: req.sender,
                method: req.method.clone(),
                cycles_available: req.cycles,
                responded: false,
                outstanding: 0,
                instructions: 0,
                deadline: req.deadline,
            },
        );
        if let Some(c) = self.canisters.get_mut(&req.receiver) {
            c.open_call_contexts += 1;
        }
        id
    }

    /// Applies an execution's call-level effects: outgoing calls, the reply, closing the context.
    fn finish_execution(&mut self, context_id: u64, result: ExecResult, commit: bool) {
        let ExecResult { ctx, outcome, instructions } = result;
        let Some(cc) = self.call_contexts.get_mut(&context_id) else { return };
        cc.instructions += instructions;
        let canister_id = cc.canister;
        let mut trap = None;
        match outcome {
            ExecOutcome::Ok => {
                if commit {
                    cc.cycles_available = ctx.cycles_available;
                    for call in ctx.calls {
                        self.send_call(canister_id, context_id, call);
                    }
                }
                if let Some(response) = ctx.response {
                    self.respond_to_context(context_id, response.map_err(RejectResponse::canister_reject));
                }
            }
            ExecOutcome::Trap { message, error_code } => trap = Some(trap_reject(&canister_id, message, error_code)),
        }
        self.close_context_if_done(context_id, trap);
    }

    fn send_call(&mut self, sender: Principal, context_id: u64, call: Call) {
        let callback_id = self.fresh_id();
        let epoch = self.canisters.get(&sender).map(|c| c.epoch).unwrap_or(0);
        let deadline = call
            .timeout_seconds
            .map(|seconds| self.clock.now().saturating_add(seconds as u64 * 1_000_000_000))
            .unwrap_or(0);
        self.callbacks.insert(
            callback_id,
            Callback {
                canister: sender,
                context: context_id,
                reply: call.reply,
                reject: call.reject,
                cleanup: call.cleanup,
                epoch,
                deadline,
                reserved_execution: call.reserved_execution,
                reserved_transmission: call.reserved_transmission,
                expired: false,
            },
        );
        if deadline != 0 {
            self.deadlines.insert((deadline, callback_id));
        }
        if let Some(cc) = self.call_contexts.get_mut(&context_id) {
            cc.outstanding += 1;
        }
        self.queue.push_back(Message::Request(Request {
            sender,
            receiver: call.callee,
            method: call.method,
            arg: call.arg,
            cycles: call.cycles,
            origin: Origin::Canister { caller: sender, callback: callback_id },
            deadline,
        }));
    }

    fn respond_to_context(&mut self, context_id: u64, result: Result<Vec<u8>, RejectResponse>) {
        let Some(cc) = self.call_contexts.get_mut(&context_id) else { return };
        if cc.responded {
            return;
        }
        cc.responded = true;
        let refund = std::mem::take(&mut cc.cycles_available);
        let (origin, from) = (cc.origin.clone(), cc.canister);
        self.respond(from, &origin, result, refund);
    }

    /// Answers an unanswered context that has nothing left to wait for, then drops closed contexts.
    pub(crate) fn close_context_if_done(&mut self, context_id: u64, trap_reject: Option<RejectResponse>) {
        let Some(cc) = self.call_contexts.get(&context_id) else { return };
        if cc.outstanding > 0 {
            return;
        }
        if !cc.responded {
            let canister = cc.canister;
            let reject = trap_reject.unwrap_or_else(|| {
                RejectResponse::error(ErrorCode::CANISTER_DID_NOT_REPLY, format!("Canister {canister} did not produce a response"))
            });
            self.respond_to_context(context_id, Err(reject));
        }
        let cc = self.call_contexts.remove(&context_id).expect("present above");
        if let Some(c) = self.canisters.get_mut(&cc.canister) {
            c.open_call_contexts = c.open_call_contexts.saturating_sub(1);
        }
        self.complete_stop_if_idle(&cc.canister);
    }

    /// Delivers `from`'s answer to whoever is waiting for it.
    pub(crate) fn respond(&mut self, from: Principal, origin: &Origin, result: Result<Vec<u8>, RejectResponse>, refund: u128) {
        match origin {
            Origin::Ingress(id) => {
                if let Some(record) = self.ingress.get_mut(id) {
                    record.status = match result {
                        Ok(bytes) => IngressStatus::Replied(bytes),
                        Err(reject) => IngressStatus::Rejected(reject),
                    };
                }
            }
            Origin::Canister { callback, .. } => {
                let response = Response { callback: *callback, result, refund, synthetic: false };
                self.deliver_response(from, response);
            }
            Origin::System => {}
        }
    }

    pub(crate) fn execute_response(&mut self, resp: Response) {
        let Some(cb) = self.callbacks.get(&resp.callback) else {
            // The caller stopped waiting (a bounded-wait call timed out): the response is dropped.
            return;
        };
        if cb.expired && !resp.synthetic {
            return;
        }
        let cb = self.callbacks.remove(&resp.callback).expect("present above");
        if cb.deadline != 0 {
            self.deadlines.remove(&(cb.deadline, resp.callback));
        }
        let transmission_refund = self.config.fees.response_transmission_refund(resp.payload_size()).min(cb.reserved_transmission);
        let Some(cc) = self.call_contexts.get_mut(&cb.context) else { return };
        cc.outstanding = cc.outstanding.saturating_sub(1);
        let (caller, method, available, responded, context_instructions, deadline) =
            (cc.caller, cc.method.clone(), cc.cycles_available, cc.responded, cc.instructions, cc.deadline);
        let runnable = match self.canisters.get_mut(&cb.canister) {
            Some(c) => {
                c.cycles += resp.refund + transmission_refund;
                c.epoch == cb.epoch && c.code.is_some()
            }
            None => false,
        };
        if !runnable {
            // Uninstalled since the call: no callback runs; the reserve for it is refunded.
            if let Some(c) = self.canisters.get_mut(&cb.canister) {
                c.cycles += cb.reserved_execution;
            }
            self.close_context_if_done(cb.context, None);
            return;
        }
        let (kind, fun) = match &resp.result {
            Ok(_) => (EntryKind::ReplyCallback, cb.reply),
            Err(_) => (EntryKind::RejectCallback, cb.reject),
        };
        let mut ctx = self.base_context(&cb.canister, kind);
        ctx.caller = caller;
        ctx.method = method;
        ctx.cycles_refunded = resp.refund;
        ctx.cycles_available = available;
        ctx.may_respond = !responded;
        ctx.call_context_instructions = context_instructions;
        ctx.deadline = deadline;
        match resp.result {
            Ok(bytes) => ctx.arg = bytes,
            Err(reject) => {
                ctx.reject_code = reject.code.as_u32();
                ctx.reject_message = reject.message;
            }
        }
        let reject_code = ctx.reject_code;
        let result = self
            .run_on_canister(&cb.canister, &Entry::Callback { fun: fun.0, env: fun.1 }, ctx, true, Prepaid::Reserved(cb.reserved_execution))
            .expect("checked: the canister has code");
        if result.trapped() {
            if let Some((fun, env)) = cb.cleanup {
                let mut ctx = self.base_context(&cb.canister, EntryKind::Cleanup);
                ctx.reject_code = reject_code;
                self.run_on_canister(&cb.canister, &Entry::Callback { fun, env }, ctx, true, Prepaid::Reserved(0));
            }
        }
        self.finish_execution(cb.context, result, true);
    }

    /// Runs `canister_global_timer` or `canister_heartbeat` (the caller is the management canister).
    pub(crate) fn execute_task(&mut self, canister_id: Principal, kind: EntryKind) {
        let export = match kind {
            EntryKind::Timer => "canister_global_timer",
            _ => "canister_heartbeat",
        };
        let Some(c) = self.canisters.get(&canister_id) else { return };
        if c.run_state != CanisterRunState::Running || !c.exports(export) {
            return;
        }
        // A frozen canister does not run its tasks.
        if self.check_can_pay(&canister_id, self.config.fees.execution(self.config.update_instruction_limit)).is_err() {
            return;
        }
        let req = Request {
            sender: MANAGEMENT_CANISTER,
            receiver: canister_id,
            method: export.to_string(),
            arg: Vec::new(),
            cycles: 0,
            origin: Origin::System,
            deadline: 0,
        };
        let context_id = self.open_call_context(&req);
        let mut ctx = self.base_context(&canister_id, kind);
        ctx.caller = MANAGEMENT_CANISTER;
        let result = self
            .run_on_canister(&canister_id, &Entry::Export(export.into()), ctx, true, Prepaid::FromBalance)
            .expect("has code");
        self.finish_execution(context_id, result, true);
    }

    /// A non-replicated query: runs against the committed state and never commits.
    pub fn execute_query(&mut self, canister_id: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        self.execute_query_at_depth(canister_id, sender, method, arg, 0)
    }

    pub(crate) fn execute_query_at_depth(
        &mut self,
        canister_id: Principal,
        sender: Principal,
        method: &str,
        arg: Vec<u8>,
        depth: u32,
    ) -> Result<Vec<u8>, RejectResponse> {
        let Some(canister) = self.canisters.get(&canister_id) else {
            return Err(RejectResponse::error(ErrorCode::CANISTER_NOT_FOUND, format!("Canister {canister_id} not found")));
        };
        if canister.run_state != CanisterRunState::Running {
            return Err(RejectResponse::error(ErrorCode::CANISTER_STOPPED, format!("Canister {canister_id} is stopped")));
        }
        if canister.code.is_none() {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_WASM_MODULE_NOT_FOUND,
                format!("Canister {canister_id} has no Wasm module installed"),
            ));
        }
        // Interface spec, "Query call": a frozen canister refuses queries (SYS_TRANSIENT).
        if canister.cycles < self.freezing_limit(canister) {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_OUT_OF_CYCLES,
                format!("Canister {canister_id} is unable to process query calls because it's frozen. Please top up the canister with cycles and try again."),
            ));
        }
        let (export, kind) = if canister.exports(&format!("canister_query {method}")) {
            (format!("canister_query {method}"), EntryKind::Query)
        } else if canister.exports(&format!("canister_composite_query {method}")) {
            (format!("canister_composite_query {method}"), EntryKind::CompositeQuery)
        } else {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_METHOD_NOT_FOUND,
                format!("Canister {canister_id} has no query method '{method}'"),
            ));
        };
        if kind == EntryKind::CompositeQuery {
            return self.execute_composite_query(canister_id, sender, export, method, arg, depth);
        }
        let certified_data = canister.certified_data.clone();
        let mut ctx = self.base_context(&canister_id, kind);
        if depth == 0 {
            // Only the target of a query call gets a certificate.
            let certifier = self.certifier.clone();
            let time = ctx.time;
            ctx.certificate_source = Some(Box::new(move || certifier.data_certificate(canister_id, &certified_data, time)));
        }
        ctx.caller = sender;
        ctx.method = method.to_string();
        ctx.arg = arg;
        ctx.may_respond = true;
        let result = self.run_on_canister(&canister_id, &Entry::Export(export), ctx, false, Prepaid::Free).expect("has code");
        if depth == 0 {
            self.last_instructions = result.instructions;
        }
        match result.outcome {
            ExecOutcome::Trap { message, error_code } => Err(trap_reject(&canister_id, message, error_code)),
            ExecOutcome::Ok => match result.ctx.response {
                Some(Ok(bytes)) => Ok(bytes),
                Some(Err(message)) => Err(RejectResponse::canister_reject(message)),
                None => Err(RejectResponse::error(
                    ErrorCode::CANISTER_DID_NOT_REPLY,
                    format!("Canister {canister_id} did not produce a response"),
                )),
            },
        }
    }

    /// Runs `canister_inspect_message` (if exported) for an ingress update; Err if not accepted.
    pub fn inspect_message(&mut self, canister_id: Principal, sender: Principal, method: &str, arg: &[u8]) -> Result<(), RejectResponse> {
        let Some(canister) = self.canisters.get(&canister_id) else { return Ok(()) };
        if !canister.exports("canister_inspect_message") {
            return Ok(());
        }
        let mut ctx = self.base_context(&canister_id, EntryKind::InspectMessage);
        ctx.caller = sender;
        ctx.method = method.to_string();
        ctx.arg = arg.to_vec();
        let result = self
            .run_on_canister(&canister_id, &Entry::Export("canister_inspect_message".into()), ctx, false, Prepaid::Free)
            .expect("has code");
        match result.outcome {
            ExecOutcome::Ok if result.ctx.message_accepted => Ok(()),
            ExecOutcome::Ok => Err(RejectResponse::error(
                ErrorCode::CANISTER_REJECTED_MESSAGE,
                format!("Canister {canister_id} rejected the message in canister_inspect_message"),
            )),
            ExecOutcome::Trap { message, error_code } => Err(trap_reject(&canister_id, message, error_code)),
        }
    }
}
