//! Status of update calls by request id, for `/request_status/<id>/...` in read_state answers.
//! Entries are kept until some minutes after their ingress expiry, as on the IC.

use crate::replica::{CallResult, Reject};
use candid::Principal;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Received,
    Processing,
    Replied(Vec<u8>),
    Rejected(Reject),
}

impl Status {
    pub fn from_result(result: CallResult) -> Self {
        match result {
            Ok(reply) => Status::Replied(reply),
            Err(reject) => Status::Rejected(reject),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub sender: Principal,
    pub status: Status,
    pub forget_after_nanos: u64,
}

/// How long after its ingress expiry a finished request's status stays readable.
const RETENTION_NANOS: u64 = 5 * 60 * 1_000_000_000;

#[derive(Default)]
pub struct RequestStatuses {
    entries: Mutex<HashMap<[u8; 32], Entry>>,
}

impl RequestStatuses {
    /// Records a new request; false when one with this id is already known (a duplicate).
    pub fn admit(&self, request_id: [u8; 32], sender: Principal, ingress_expiry: u64) -> bool {
        let mut entries = self.entries.lock().unwrap();
        if entries.contains_key(&request_id) {
            return false;
        }
        entries.insert(
            request_id,
            Entry { sender, status: Status::Received, forget_after_nanos: ingress_expiry.saturating_add(RETENTION_NANOS) },
        );
        true
    }

    pub fn set(&self, request_id: &[u8; 32], status: Status) {
        if let Some(entry) = self.entries.lock().unwrap().get_mut(request_id) {
            entry.status = status;
        }
    }

    /// Forgets a request the IC never accepted (a non-replicated rejection is not certified).
    pub fn forget(&self, request_id: &[u8; 32]) {
        self.entries.lock().unwrap().remove(request_id);
    }

    pub fn get(&self, request_id: &[u8; 32]) -> Option<Entry> {
        self.entries.lock().unwrap().get(request_id).cloned()
    }

    /// Drops finished entries whose retention has passed.
    pub fn prune(&self, now_nanos: u64) {
        self.entries.lock().unwrap().retain(|_, e| {
            e.forget_after_nanos > now_nanos || matches!(e.status, Status::Received | Status::Processing)
        });
    }

    pub fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_request_ids_are_refused_and_old_entries_pruned() {
        let statuses = RequestStatuses::default();
        assert!(statuses.admit([1; 32], Principal::anonymous(), 10));
        assert!(!statuses.admit([1; 32], Principal::anonymous(), 10));
        statuses.set(&[1; 32], Status::Replied(vec![7]));
        assert_eq!(statuses.get(&[1; 32]).unwrap().status, Status::Replied(vec![7]));
        statuses.prune(10 + RETENTION_NANOS + 1);
        assert!(statuses.get(&[1; 32]).is_none());
    }
}
