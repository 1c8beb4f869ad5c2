//! Composite queries: a query that calls query methods (of itself or other canisters) and handles
//! the replies in callbacks. Everything runs at once, outside the message queue, and nothing is
//! committed: the canister's heap, globals and stable memory are restored at the end. As in the
//! spec's `composite_query_helper`, the first response ends the evaluation, a trap rejects it, and
//! calls made by a callback are handled before the ones made earlier.
use candid::Principal;
use std::collections::VecDeque;

use crate::execution::Prepaid;
use crate::runtime::{Call, Entry, EntryKind, ExecOutcome, ExecResult};
use crate::subnet::Subnet;
use crate::types::{ErrorCode, RejectResponse};

/// Deepest chain of composite query calls.
pub const MAX_COMPOSITE_DEPTH: u32 = 20;

type Reply = Result<Vec<u8>, RejectResponse>;

fn trap_reject(canister: &Principal, outcome: &ExecOutcome) -> Option<RejectResponse> {
    match outcome {
        ExecOutcome::Ok => None,
        ExecOutcome::Trap { message, error_code } => {
            Some(RejectResponse::error(error_code, format!("Error from Canister {canister}: {message}")))
        }
    }
}

impl Subnet {
    pub(crate) fn execute_composite_query(
        &mut self,
        canister_id: Principal,
        sender: Principal,
        export: String,
        method: &str,
        arg: Vec<u8>,
        depth: u32,
    ) -> Reply {
        let backup = {
            let code = self.canisters.get_mut(&canister_id).and_then(|c| c.code.as_mut()).expect("checked: has code");
            (code.instance.heap_bytes().to_vec(), code.instance.global_values(), code.instance.stable().clone())
        };
        let result = self.run_composite(canister_id, sender, export, method, arg, depth);
        if let Some(code) = self.canisters.get_mut(&canister_id).and_then(|c| c.code.as_mut()) {
            code.instance.restore_heap(&backup.0, &backup.1);
            *code.instance.stable_mut() = backup.2;
        }
        result
    }

    fn run_composite(&mut self, canister_id: Principal, sender: Principal, export: String, method: &str, arg: Vec<u8>, depth: u32) -> Reply {
        let certified_data = self.canisters[&canister_id].certified_data.clone();
        let certifier = self.certifier.clone();
        let mut ctx = self.base_context(&canister_id, EntryKind::CompositeQuery);
        let time = ctx.time;
        if depth == 0 {
            // Only the target of the query call gets a certificate.
            ctx.certificate_source = Some(Box::new(move || certifier.data_certificate(canister_id, &certified_data, time)));
        }
        ctx.composite = true;
        ctx.caller = sender;
        ctx.method = method.to_string();
        ctx.arg = arg;
        ctx.may_respond = true;
        let first = self.run_on_canister(&canister_id, &Entry::Export(export), ctx, true, Prepaid::Free).expect("has code");
        if depth == 0 {
            self.last_instructions = first.instructions;
        }
        let mut response: Option<Reply> = None;
        let mut pending: VecDeque<Call> = VecDeque::new();
        if let Some(reject) = self.take_effects(&canister_id, first, &mut response, &mut pending) {
            return Err(reject);
        }
        while response.is_none() {
            let Some(call) = pending.pop_front() else { break };
            let result = self.composite_call(canister_id, &call, depth);
            let (kind, (fun, env)) = match &result {
                Ok(_) => (EntryKind::ReplyCallback, call.reply),
                Err(_) => (EntryKind::RejectCallback, call.reject),
            };
            let mut ctx = self.base_context(&canister_id, kind);
            ctx.composite = true;
            ctx.caller = sender;
            ctx.method = method.to_string();
            ctx.may_respond = true;
            match result {
                Ok(bytes) => ctx.arg = bytes,
                Err(reject) => {
                    ctx.reject_code = reject.code.as_u32();
                    ctx.reject_message = reject.message;
                }
            }
            let executed =
                self.run_on_canister(&canister_id, &Entry::Callback { fun, env }, ctx, true, Prepaid::Free).expect("has code");
            if executed.trapped() {
                if let Some((fun, env)) = call.cleanup {
                    let mut ctx = self.base_context(&canister_id, EntryKind::Cleanup);
                    ctx.composite = true;
                    self.run_on_canister(&canister_id, &Entry::Callback { fun, env }, ctx, true, Prepaid::Free);
                }
            }
            if let Some(reject) = self.take_effects(&canister_id, executed, &mut response, &mut pending) {
                return Err(reject);
            }
        }
        response.unwrap_or_else(|| {
            Err(RejectResponse::error(ErrorCode::CANISTER_DID_NOT_REPLY, format!("Canister {canister_id} did not produce a response")))
        })
    }

    /// Records an execution's reply and calls (ahead of the older ones); returns the reject to
    /// answer with if it trapped.
    fn take_effects(&mut self, canister_id: &Principal, executed: ExecResult, response: &mut Option<Reply>, pending: &mut VecDeque<Call>) -> Option<RejectResponse> {
        if let Some(reject) = trap_reject(canister_id, &executed.outcome) {
            return Some(reject);
        }
        if let Some(r) = executed.ctx.response {
            *response = Some(r.map_err(RejectResponse::canister_reject));
        }
        for call in executed.ctx.calls.into_iter().rev() {
            pending.push_front(call);
        }
        None
    }

    fn composite_call(&mut self, caller: Principal, call: &Call, depth: u32) -> Reply {
        if depth + 1 > MAX_COMPOSITE_DEPTH {
            return Err(RejectResponse::error(
                ErrorCode::QUERY_CALL_GRAPH_TOO_DEEP,
                format!("Composite query call graph is deeper than {MAX_COMPOSITE_DEPTH}"),
            ));
        }
        if call.cycles > 0 {
            return Err(RejectResponse::error(ErrorCode::CANISTER_CONTRACT_VIOLATION, "Composite query calls cannot carry cycles"));
        }
        self.execute_query_at_depth(call.callee, caller, &call.method, call.arg.clone(), depth + 1)
    }
}
