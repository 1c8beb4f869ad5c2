//! Candid types of the audit storage and the verifier of its hash chain. Each entry carries the hash of
//! the one before; the canister certifies `certified_tip(tip hash, length)`. The verifier is pure Rust
//! (no canister API), so tests, tools and the web app recompute the chain the same way.

use candid::{CandidType, Deserialize, Principal};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub mod limits {
    pub const MAX_ACTION_BYTES: usize = 64;
    pub const MAX_PAYLOAD_BYTES: usize = 2_048;
    pub const MAX_SUBJECTS: usize = 4;
    /// Events in one append.
    pub const MAX_BATCH: usize = 100;
    pub const MAX_WRITERS: usize = 10;
    pub const MAX_ADMINS: usize = 10;
}

/// What a writer appends: who did what, to whom (the users who may read it), with details.
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct AuditEvent {
    pub actor: Principal,
    /// e.g. "deployment.charged", "config.set_admins".
    pub action: String,
    /// The users this entry concerns; each of them may read it.
    pub subjects: Vec<Principal>,
    /// Details, as text (bounded).
    pub payload: String,
    /// When it happened at the writer (the entry also gets the storage's time).
    pub occurred_at: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub index: u64,
    /// When the storage appended it.
    pub time: u64,
    /// The canister that appended it.
    pub writer: Principal,
    pub event: AuditEvent,
    #[serde(with = "serde_bytes")]
    pub prev_hash: Vec<u8>,
    #[serde(with = "serde_bytes")]
    pub hash: Vec<u8>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub total: u64,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct AuditInitArgs {
    pub admins: Vec<Principal>,
    pub writers: Vec<Principal>,
}

/// The tip and the IC's certificate of it (the canister's certified data is `certified_tip(tip, length)`).
#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct TipCertificate {
    pub length: u64,
    #[serde(with = "serde_bytes")]
    pub tip_hash: Vec<u8>,
    pub certificate: Option<serde_bytes::ByteBuf>,
}

#[derive(CandidType, Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub enum AuditError {
    Unauthorized,
    InvalidArgument(String),
}

/// The hash before the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

fn put(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

/// SHA-256 over a canonical encoding: a domain tag, then every field in order, each length-prefixed.
pub fn entry_hash(index: u64, time: u64, writer: Principal, event: &AuditEvent, prev_hash: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, b"icto-audit-entry-v1");
    h.update(index.to_be_bytes());
    h.update(time.to_be_bytes());
    put(&mut h, writer.as_slice());
    put(&mut h, event.actor.as_slice());
    put(&mut h, event.action.as_bytes());
    h.update((event.subjects.len() as u64).to_be_bytes());
    for s in &event.subjects {
        put(&mut h, s.as_slice());
    }
    put(&mut h, event.payload.as_bytes());
    h.update(event.occurred_at.to_be_bytes());
    put(&mut h, prev_hash);
    h.finalize().into()
}

/// What the canister certifies: the tip hash bound to the chain's length.
pub fn certified_tip(tip_hash: &[u8], length: u64) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, b"icto-audit-tip-v1");
    put(&mut h, tip_hash);
    h.update(length.to_be_bytes());
    h.finalize().into()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// Entry `index` is not at its position, links to the wrong predecessor, or its hash is not its content's.
    BrokenAt { index: u64 },
    /// The chain's tip and length are not what was certified.
    TipMismatch,
}

/// Recomputes the whole chain (entries 0.. in order) and checks it against the certified data.
pub fn verify_chain(entries: &[AuditEntry], certified: &[u8]) -> Result<(), VerifyError> {
    let mut prev = GENESIS.to_vec();
    for (position, e) in entries.iter().enumerate() {
        let expected = entry_hash(e.index, e.time, e.writer, &e.event, &prev);
        if e.index != position as u64 || e.prev_hash != prev || e.hash != expected {
            return Err(VerifyError::BrokenAt { index: position as u64 });
        }
        prev = e.hash.clone();
    }
    if certified_tip(&prev, entries.len() as u64).as_slice() != certified {
        return Err(VerifyError::TipMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: u64) -> Vec<AuditEntry> {
        let mut prev = GENESIS.to_vec();
        (0..n)
            .map(|i| {
                let event = AuditEvent {
                    actor: Principal::from_slice(&[i as u8]),
                    action: "test".into(),
                    subjects: vec![Principal::from_slice(&[7])],
                    payload: format!("entry {i}"),
                    occurred_at: i,
                };
                let writer = Principal::from_slice(&[9]);
                let hash = entry_hash(i, 100 + i, writer, &event, &prev).to_vec();
                let e = AuditEntry { index: i, time: 100 + i, writer, event, prev_hash: prev.clone(), hash: hash.clone() };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn a_chain_verifies_and_any_change_breaks_it() {
        let entries = chain(5);
        let tip = certified_tip(&entries[4].hash, 5);
        assert_eq!(verify_chain(&entries, &tip), Ok(()));
        let mut edited = entries.clone();
        edited[2].event.payload = "rewritten".into();
        assert_eq!(verify_chain(&edited, &tip), Err(VerifyError::BrokenAt { index: 2 }));
        let mut dropped = entries.clone();
        dropped.remove(1);
        assert_eq!(verify_chain(&dropped, &tip), Err(VerifyError::BrokenAt { index: 1 }));
        assert_eq!(verify_chain(&entries[..4], &tip), Err(VerifyError::TipMismatch), "a truncated chain");
        assert_eq!(verify_chain(&[], &certified_tip(&GENESIS, 0)), Ok(()));
    }
}
