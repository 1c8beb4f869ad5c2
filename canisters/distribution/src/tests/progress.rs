//! The campaign's two stored parts: counters in a fixed cell, the rest in Candid, written only when it
//! changes; a record stored before the counters had their own cell.

use crate::models::progress::{Progress, StoredProgress};
use crate::repositories::campaign as repo;
use crate::services::campaign;
use canister_kit::CallContext;
use candid::Principal;
use ic_stable_structures::Storable;
use icto_shared::distribution::*;
use icto_shared::vesting::*;
use std::borrow::Cow;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}

fn init() {
    let schedule = VestingSchedule { start_nanos: 0, initial_unlock_bps: 0, shape: VestingShape::Instant };
    let args = DistributionInitArgs {
        factory: p(2),
        creator: p(1),
        token_ledger: p(3),
        title: "Seed".into(),
        categories: vec![Category { name: "All".into(), schedule }],
        recipients: vec![RecipientEntry { owner: p(10), subaccount: None, category: 0, amount: 7u32.into() }],
        allow_pause: true,
        allow_cancel: true,
        registration: None,
    };
    campaign::init(&CallContext::for_test(p(1), 0), args).unwrap();
}

#[test]
fn the_counters_round_trip_in_their_fixed_encoding() {
    let progress = Progress {
        status: CampaignStatus::Paused,
        allocated: u128::MAX,
        claimed: 1 << 100,
        recipients: 100_000,
        claims: u64::MAX,
        pending_claims: 3,
    };
    let bytes = StoredProgress(Some(progress)).into_bytes();
    assert_eq!(bytes.len(), 64);
    assert_eq!(StoredProgress::from_bytes(Cow::Owned(bytes)), StoredProgress(Some(progress)));
    assert_eq!(StoredProgress::from_bytes(Cow::Owned(vec![0; 64])), StoredProgress(None), "never written");
}

#[test]
fn counter_changes_leave_the_candid_record_alone_and_config_changes_write_it() {
    init();
    repo::update(|c| {
        c.claimed += 5;
        c.claims += 1;
    });
    let c = repo::get();
    assert_eq!((c.claimed, c.claims, c.allocated, c.recipients), (5, 1, 7, 1));
    repo::update(|c| c.title = "Seed round".into());
    let c = repo::get();
    assert_eq!((c.title.as_str(), c.claimed, c.claims), ("Seed round", 5, 1), "both parts kept");
}

#[test]
fn a_campaign_stored_before_the_counters_cell_reads_its_counters_from_the_record() {
    init();
    let mut old = repo::get();
    old.claimed = 4;
    old.claims = 2;
    old.status = CampaignStatus::Active;
    // A fresh thread-local world: only the Candid record, as the first layout wrote it.
    std::thread::spawn(move || {
        repo::set_first_layout(old);
        let c = repo::get();
        assert_eq!((c.status, c.claimed, c.claims, c.allocated), (CampaignStatus::Active, 4, 2, 7));
        repo::update(|c| c.claimed += 1);
        assert_eq!((repo::get().claimed, repo::get().claims), (5, 2));
    })
    .join()
    .unwrap();
}
