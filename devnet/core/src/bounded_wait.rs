//! Bounded-wait calls (`ic0.call_with_best_effort_response`) and the test hook on responses.
//! When a call's deadline passes before its response is executed, the caller gets a `SYS_UNKNOWN`
//! reject (code 6) and any later response is dropped; a request still queued is withdrawn and its
//! cycles refunded (interface spec, "Inter-canister method calls" and "Reject codes"; the
//! replica's `DeadlineExpired`/`ResponseDropped` error codes).
use candid::Principal;

use crate::state::{HeldResponse, Message, Origin, Response};
use crate::subnet::{ResponseFault, Subnet};
use crate::types::{ErrorCode, RejectResponse};

impl Subnet {
    /// Queues a response for its callback, unless a test fault on `from` delays or drops it.
    pub(crate) fn deliver_response(&mut self, from: Principal, response: Response) {
        match self.response_faults.get(&from).copied() {
            Some(ResponseFault::Delay(delay)) => {
                let release_at = self.clock.now().saturating_add(delay.as_nanos().min(u64::MAX as u128) as u64);
                self.held_responses.push(HeldResponse { release_at, response });
            }
            Some(ResponseFault::Drop) if self.callbacks.get(&response.callback).is_some_and(|cb| cb.deadline != 0) => {
                self.expire_callback(response.callback, ErrorCode::RESPONSE_DROPPED, "Response was dropped.", 0);
            }
            _ => self.queue.push_back(Message::Response(response)),
        }
    }

    /// Releases held responses that are due and times out bounded-wait calls past their deadline.
    pub(crate) fn process_deadlines(&mut self) {
        if !self.held_responses.is_empty() {
            let now = self.clock.now();
            let (due, held): (Vec<_>, Vec<_>) = std::mem::take(&mut self.held_responses).into_iter().partition(|h| h.release_at <= now);
            self.held_responses = held;
            for h in due {
                self.queue.push_back(Message::Response(h.response));
            }
        }
        while let Some(&(deadline, callback)) = self.deadlines.first() {
            if deadline > self.clock.now() {
                break;
            }
            self.deadlines.pop_first();
            // A request not yet delivered is withdrawn: its cycles go back with the reject.
            let position = self.queue.iter().position(
                |m| matches!(m, Message::Request(r) if matches!(r.origin, Origin::Canister { callback: c, .. } if c == callback)),
            );
            let refund = match position.and_then(|p| self.queue.remove(p)) {
                Some(Message::Request(request)) => request.cycles,
                _ => 0,
            };
            self.expire_callback(callback, ErrorCode::DEADLINE_EXPIRED, "Request timed out.", refund);
        }
    }

    /// Makes the caller stop waiting: drops pending responses for `callback` and queues the
    /// system's `SYS_UNKNOWN` reject in their place.
    fn expire_callback(&mut self, callback: u64, error_code: &str, message: &str, refund: u128) {
        let Some(cb) = self.callbacks.get_mut(&callback) else { return };
        if cb.expired {
            return;
        }
        cb.expired = true;
        self.queue.retain(|m| !matches!(m, Message::Response(r) if r.callback == callback));
        self.held_responses.retain(|h| h.response.callback != callback);
        let reject = RejectResponse::error(error_code, message);
        self.queue.push_back(Message::Response(Response { callback, result: Err(reject), refund, synthetic: true }));
    }
}
