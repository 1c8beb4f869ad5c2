//! The campaign's counters and status in a fixed 64-byte encoding: what claims, additions and lifecycle
//! calls change, written without re-encoding the Candid campaign record (1.2M instructions a write).

use ic_stable_structures::storable::{Bound, Storable};
use icto_shared::distribution::CampaignStatus;
use std::borrow::Cow;

const SIZE: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub status: CampaignStatus,
    pub allocated: u128,
    pub claimed: u128,
    pub recipients: u64,
    pub claims: u64,
    pub pending_claims: u64,
}

/// The cell's content: `None` until the first write (a campaign stored before the cell existed keeps
/// its counters in the Candid record until then).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct StoredProgress(pub Option<Progress>);

fn status_code(s: CampaignStatus) -> u8 {
    match s {
        CampaignStatus::Created => 1,
        CampaignStatus::Active => 2,
        CampaignStatus::Paused => 3,
        CampaignStatus::Completed => 4,
        CampaignStatus::Cancelled => 5,
    }
}

fn status_of(code: u8) -> Option<CampaignStatus> {
    Some(match code {
        1 => CampaignStatus::Created,
        2 => CampaignStatus::Active,
        3 => CampaignStatus::Paused,
        4 => CampaignStatus::Completed,
        5 => CampaignStatus::Cancelled,
        _ => return None,
    })
}

fn read<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    b[at..at + N].try_into().expect("within the fixed size")
}

impl Storable for StoredProgress {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(self.into_bytes())
    }
    fn into_bytes(self) -> Vec<u8> {
        let mut b = vec![0u8; SIZE];
        if let Some(p) = self.0 {
            b[0] = status_code(p.status);
            b[1..17].copy_from_slice(&p.allocated.to_be_bytes());
            b[17..33].copy_from_slice(&p.claimed.to_be_bytes());
            b[33..41].copy_from_slice(&p.recipients.to_be_bytes());
            b[41..49].copy_from_slice(&p.claims.to_be_bytes());
            b[49..57].copy_from_slice(&p.pending_claims.to_be_bytes());
        }
        b
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        let b = bytes.as_ref();
        if b.len() < SIZE {
            return StoredProgress(None);
        }
        StoredProgress(status_of(b[0]).map(|status| Progress {
            status,
            allocated: u128::from_be_bytes(read(b, 1)),
            claimed: u128::from_be_bytes(read(b, 17)),
            recipients: u64::from_be_bytes(read(b, 33)),
            claims: u64::from_be_bytes(read(b, 41)),
            pending_claims: u64::from_be_bytes(read(b, 49)),
        }))
    }
    const BOUND: Bound = Bound::Bounded { max_size: SIZE as u32, is_fixed_size: true };
}
