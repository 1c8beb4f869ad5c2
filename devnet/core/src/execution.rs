//! Executing messages on canisters: incoming calls, responses (reply/reject callbacks and cleanup),
//! system tasks and queries, and committing each execution's effects (cycles, certified data,
//! timer, outgoing calls, the reply) only when it did not trap.
use candid::Principal;

use crate::runtime::{Call, Entry, EntryKind, ExecContext, ExecOutcome, ExecResult};
use crate::state::{CallContext, Callback, Message, Origin, Request, Response};
use crate::subnet::Subnet;
use crate::types::{CanisterRunState, ErrorCode, IngressStatus, RejectCode, RejectResponse};

pub const MANAGEMENT_CANISTER: Principal = Principal::management_canister();

impl Subnet {
    /// Runs one entry point on a canister and commits its canister-level effects (cycles,
    /// certified data, global timer) if it succeeded and `commit` is set. Logs are kept either way.
    pub fn run_on_canister(&mut self, canister_id: &Principal, entry: &Entry, ctx: ExecContext, commit: bool) -> Option<ExecResult> {
        let kind = ctx.kind;
        let time = ctx.time;
        let composite = ctx.composite;
        let canister = self.canisters.get_mut(canister_id)?;
        let wasm_memory_limit = canister.settings.wasm_memory_limit;
        let code = canister.code.as_mut()?;
        let mut result = code.instance.run(entry, ctx, commit, wasm_memory_limit);
        if commit && !result.trapped() && !composite {
            canister.cycles = result.ctx.balance;
            if let Some(data) = result.ctx.certified_data.take() {
                canister.certified_data = data;
            }
            if kind.mutates_state() {
                canister.global_timer = result.ctx.global_timer;
            }
        }
        if !kind.is_query() && !composite {
            let fee = self.config.fees.execution(result.instructions);
            canister.cycles = canister.cycles.saturating_sub(fee);
        }
        let logs = std::mem::take(&mut result.ctx.logs);
        canister.push_logs(time, logs);
        Some(result)
    }

    /// Why a canister cannot take a new call right now, if it cannot.
    fn reject_new_call(&self, receiver: &Principal, method: &str) -> Result<(String, EntryKind), RejectResponse> {
        let Some(canister) = self.canisters.get(receiver) else {
            return Err(RejectResponse::destination_invalid(
                format!("Canister {receiver} not found"),
                ErrorCode::CANISTER_NOT_FOUND,
            ));
        };
        match canister.run_state {
            CanisterRunState::Running => {}
            CanisterRunState::Stopping => {
                return Err(RejectResponse::canister_error(format!("Canister {receiver} is stopping"), ErrorCode::CANISTER_STOPPING))
            }
            CanisterRunState::Stopped => {
                return Err(RejectResponse::canister_error(format!("Canister {receiver} is stopped"), ErrorCode::CANISTER_STOPPED))
            }
        }
        if canister.code.is_none() {
            return Err(RejectResponse::canister_error(
                format!("Canister {receiver} has no Wasm module installed"),
                ErrorCode::CANISTER_WASM_MODULE_NOT_FOUND,
            ));
        }
        let fee = self.config.fees.update_message_execution;
        if canister.cycles < fee {
            return Err(RejectResponse::new(
                RejectCode::SysTransient,
                format!("Canister {receiver} is out of cycles: it has {} cycles and needs {fee}", canister.cycles),
                Some(ErrorCode::CANISTER_OUT_OF_CYCLES),
            ));
        }
        for (prefix, kind) in [
            ("canister_update ", EntryKind::Update),
            ("canister_query ", EntryKind::ReplicatedQuery),
            ("canister_composite_query ", EntryKind::ReplicatedQuery),
        ] {
            let export = format!("{prefix}{method}");
            if canister.exports(&export) {
                return Ok((export, kind));
            }
        }
        Err(RejectResponse::canister_error(
            format!("Canister {receiver} has no update method '{method}'"),
            ErrorCode::CANISTER_METHOD_NOT_FOUND,
        ))
    }

    pub fn execute_request(&mut self, req: Request) {
        if req.receiver == MANAGEMENT_CANISTER {
            self.execute_management_request(req);
            return;
        }
        let (export, kind) = match self.reject_new_call(&req.receiver, &req.method) {
            Ok(found) => found,
            Err(reject) => {
                self.respond(&req.origin, Err(reject), req.cycles);
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
        ctx.may_respond = true;
        let result = self
            .run_on_canister(&req.receiver, &Entry::Export(export), ctx, kind == EntryKind::Update)
            .expect("checked: the canister exists and has code");
        if let Origin::Ingress(id) = &req.origin {
            if let Some(record) = self.ingress.get_mut(id) {
                record.instructions = Some(result.instructions);
            }
        }
        self.finish_execution(context_id, result, kind == EntryKind::Update);
    }

    fn open_call_context(&mut self, req: &Request) -> u64 {
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
        let mut trap_reject = None;
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
            ExecOutcome::Trap { message, error_code } => {
                trap_reject = Some(RejectResponse::canister_error(
                    format!("Error from Canister {canister_id}: {message}"),
                    error_code,
                ));
            }
        }
        self.close_context_if_done(context_id, trap_reject);
    }

    fn send_call(&mut self, sender: Principal, context_id: u64, call: Call) {
        let callback_id = self.fresh_id();
        let epoch = self.canisters.get(&sender).map(|c| c.epoch).unwrap_or(0);
        let fee = self.config.fees.call(call.method.len(), call.arg.len());
        if let Some(c) = self.canisters.get_mut(&sender) {
            c.cycles = c.cycles.saturating_sub(fee);
        }
        self.callbacks.insert(
            callback_id,
            Callback { canister: sender, context: context_id, reply: call.reply, reject: call.reject, cleanup: call.cleanup, epoch },
        );
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
        }));
    }

    fn respond_to_context(&mut self, context_id: u64, result: Result<Vec<u8>, RejectResponse>) {
        let Some(cc) = self.call_contexts.get_mut(&context_id) else { return };
        if cc.responded {
            return;
        }
        cc.responded = true;
        let refund = std::mem::take(&mut cc.cycles_available);
        let origin = cc.origin.clone();
        self.respond(&origin, result, refund);
    }

    /// Answers an unanswered context that has nothing left to wait for, then drops closed contexts.
    fn close_context_if_done(&mut self, context_id: u64, trap_reject: Option<RejectResponse>) {
        let Some(cc) = self.call_contexts.get(&context_id) else { return };
        if cc.outstanding > 0 {
            return;
        }
        if !cc.responded {
            let canister = cc.canister;
            let reject = trap_reject.unwrap_or_else(|| {
                RejectResponse::canister_error(
                    format!("Canister {canister} did not produce a response"),
                    ErrorCode::CANISTER_DID_NOT_REPLY,
                )
            });
            self.respond_to_context(context_id, Err(reject));
        }
        let cc = self.call_contexts.remove(&context_id).expect("present above");
        if let Some(c) = self.canisters.get_mut(&cc.canister) {
            c.open_call_contexts = c.open_call_contexts.saturating_sub(1);
        }
        self.complete_stop_if_idle(&cc.canister);
    }

    /// Delivers a result to whoever is waiting for it.
    pub fn respond(&mut self, origin: &Origin, result: Result<Vec<u8>, RejectResponse>, refund: u128) {
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
                self.queue.push_back(Message::Response(Response { callback: *callback, result, refund }));
            }
            Origin::System => {}
        }
    }

    pub fn execute_response(&mut self, resp: Response) {
        let Some(cb) = self.callbacks.remove(&resp.callback) else { return };
        let Some(cc) = self.call_contexts.get_mut(&cb.context) else { return };
        cc.outstanding = cc.outstanding.saturating_sub(1);
        let (caller, method, available, responded, context_instructions) =
            (cc.caller, cc.method.clone(), cc.cycles_available, cc.responded, cc.instructions);
        let runnable = match self.canisters.get_mut(&cb.canister) {
            Some(c) => {
                c.cycles += resp.refund;
                c.epoch == cb.epoch && c.code.is_some()
            }
            None => false,
        };
        if !runnable {
            // The code that made the call is gone (reinstalled, upgraded or uninstalled).
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
        match resp.result {
            Ok(bytes) => ctx.arg = bytes,
            Err(reject) => {
                ctx.reject_code = reject.code.as_u32();
                ctx.reject_message = reject.message;
            }
        }
        let result = self
            .run_on_canister(&cb.canister, &Entry::Callback { fun: fun.0, env: fun.1 }, ctx, true)
            .expect("checked: the canister has code");
        if result.trapped() {
            if let Some((fun, env)) = cb.cleanup {
                let ctx = self.base_context(&cb.canister, EntryKind::Cleanup);
                self.run_on_canister(&cb.canister, &Entry::Callback { fun, env }, ctx, true);
            }
        }
        self.finish_execution(cb.context, result, true);
    }

    /// Runs `canister_global_timer` or `canister_heartbeat`.
    pub fn execute_task(&mut self, canister_id: Principal, kind: EntryKind) {
        let export = match kind {
            EntryKind::Timer => "canister_global_timer",
            _ => "canister_heartbeat",
        };
        let Some(c) = self.canisters.get(&canister_id) else { return };
        if c.run_state != CanisterRunState::Running || !c.exports(export) {
            return;
        }
        let req = Request {
            sender: canister_id,
            receiver: canister_id,
            method: export.to_string(),
            arg: Vec::new(),
            cycles: 0,
            origin: Origin::System,
        };
        let context_id = self.open_call_context(&req);
        let ctx = self.base_context(&canister_id, kind);
        let result = self.run_on_canister(&canister_id, &Entry::Export(export.into()), ctx, true).expect("has code");
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
            return Err(RejectResponse::destination_invalid(
                format!("Canister {canister_id} not found"),
                ErrorCode::CANISTER_NOT_FOUND,
            ));
        };
        if canister.run_state != CanisterRunState::Running {
            return Err(RejectResponse::canister_error(format!("Canister {canister_id} is stopped"), ErrorCode::CANISTER_STOPPED));
        }
        if canister.code.is_none() {
            return Err(RejectResponse::canister_error(
                format!("Canister {canister_id} has no Wasm module installed"),
                ErrorCode::CANISTER_WASM_MODULE_NOT_FOUND,
            ));
        }
        let (export, kind) = if canister.exports(&format!("canister_query {method}")) {
            (format!("canister_query {method}"), EntryKind::Query)
        } else if canister.exports(&format!("canister_composite_query {method}")) {
            (format!("canister_composite_query {method}"), EntryKind::CompositeQuery)
        } else {
            return Err(RejectResponse::canister_error(
                format!("Canister {canister_id} has no query method '{method}'"),
                ErrorCode::CANISTER_METHOD_NOT_FOUND,
            ));
        };
        if kind == EntryKind::CompositeQuery {
            return self.execute_composite_query(canister_id, sender, export, method, arg, depth);
        }
        let certified_data = canister.certified_data.clone();
        let mut ctx = self.base_context(&canister_id, kind);
        let certifier = self.certifier.clone();
        let time = ctx.time;
        ctx.certificate_source = Some(Box::new(move || certifier.data_certificate(canister_id, &certified_data, time)));
        ctx.caller = sender;
        ctx.method = method.to_string();
        ctx.arg = arg;
        ctx.may_respond = true;
        let result = self.run_on_canister(&canister_id, &Entry::Export(export), ctx, false).expect("has code");
        self.last_instructions = result.instructions;
        match result.outcome {
            ExecOutcome::Trap { message, error_code } => Err(RejectResponse::canister_error(
                format!("Error from Canister {canister_id}: {message}"),
                error_code,
            )),
            ExecOutcome::Ok => match result.ctx.response {
                Some(Ok(bytes)) => Ok(bytes),
                Some(Err(message)) => Err(RejectResponse::canister_reject(message)),
                None => Err(RejectResponse::canister_error(
                    format!("Canister {canister_id} did not produce a response"),
                    ErrorCode::CANISTER_DID_NOT_REPLY,
                )),
            },
        }
    }

    /// Runs `canister_inspect_message` (if exported) for an ingress update; Err if not accepted.
    pub fn inspect_message(&mut self, canister_id: Principal, sender: Principal, method: &str, arg: &[u8]) -> Result<(), RejectResponse> {
        let Some(canister) = self.canisters.get(&canister_id) else { return Ok(()) };
        if !canister.exports("canister_inspect_message") || canister.run_state != CanisterRunState::Running {
            return Ok(());
        }
        let mut ctx = self.base_context(&canister_id, EntryKind::InspectMessage);
        ctx.caller = sender;
        ctx.method = method.to_string();
        ctx.arg = arg.to_vec();
        let result = self
            .run_on_canister(&canister_id, &Entry::Export("canister_inspect_message".into()), ctx, false)
            .expect("has code");
        match result.outcome {
            ExecOutcome::Ok if result.ctx.message_accepted => Ok(()),
            ExecOutcome::Ok => Err(RejectResponse::new(
                RejectCode::CanisterReject,
                format!("Canister {canister_id} rejected the message in canister_inspect_message"),
                Some(ErrorCode::CANISTER_REJECTED_BY_INSPECT),
            )),
            ExecOutcome::Trap { message, .. } => Err(RejectResponse::new(
                RejectCode::CanisterReject,
                format!("Canister {canister_id} rejected the message in canister_inspect_message: {message}"),
                Some(ErrorCode::CANISTER_REJECTED_BY_INSPECT),
            )),
        }
    }
}
