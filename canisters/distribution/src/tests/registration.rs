//! Self-registration on the host: the window, the places, the whitelist, and activation waiting for the
//! window to close.

use crate::repositories::campaign as repo;
use crate::services::{campaign, recipients, registration};
use canister_kit::{factory_reports, CallContext};
use candid::{Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::*;
use icto_shared::role::Role;
use icto_shared::vesting::*;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}
const CREATOR: u8 = 1;
const SECOND: u64 = NANOS_PER_SECOND;
const OPENS: u64 = 1_700_000_000 * SECOND;
const CLOSES: u64 = OPENS + 3_600 * SECOND;

fn ctx(caller: u8, now: u64) -> CallContext {
    CallContext::for_test(p(caller), now)
}

fn settings(max: u64, whitelist_only: bool, whitelist: Vec<Principal>) -> Registration {
    Registration { opens_at: OPENS, closes_at: CLOSES, max_registrants: max, category: 0, amount: Nat::from(500u32), whitelist_only, whitelist }
}

fn setup(registration: Registration) {
    let schedule = VestingSchedule { start_nanos: CLOSES, initial_unlock_bps: 0, shape: VestingShape::Instant };
    let args = DistributionInitArgs {
        factory: p(2),
        creator: p(CREATOR),
        token_ledger: p(3),
        title: "Community airdrop".into(),
        categories: vec![Category { name: "Community".into(), schedule }],
        recipients: vec![],
        allow_pause: false,
        allow_cancel: true,
        registration: Some(registration),
    };
    campaign::init(&ctx(CREATOR, OPENS - SECOND), args).unwrap();
}

#[test]
fn registrants_join_inside_the_window_once_each_until_the_places_are_taken() {
    setup(settings(2, false, vec![]));
    let closed = DistributionError::RegistrationClosed { opens_at: OPENS, closes_at: CLOSES };
    assert_eq!(registration::register(&ctx(10, OPENS - 1)), Err(closed.clone()), "not open yet");
    let mine = registration::register(&ctx(10, OPENS)).unwrap();
    assert_eq!((mine.owner, mine.amount), (p(10), Nat::from(500u32)));
    assert_eq!(registration::register(&ctx(10, OPENS + SECOND)), Err(DistributionError::AlreadyRegistered));
    registration::register(&ctx(11, OPENS + SECOND)).unwrap();
    assert_eq!(registration::register(&ctx(12, OPENS + SECOND)), Err(DistributionError::RegistrationFull { max: 2 }));
    assert_eq!(registration::register(&ctx(13, CLOSES)), Err(closed), "closed at closes_at");
    assert_eq!(registration::register(&CallContext::for_test(Principal::anonymous(), OPENS)), Err(DistributionError::Unauthorized));

    let info = campaign::info();
    assert_eq!(info.totals.recipients, 2);
    assert_eq!(info.totals.allocated, Nat::from(1_000u32));
    assert_eq!(info.registration.map(|r| r.registered), Some(2));
    assert_eq!(recipients::mine(&ctx(10, OPENS)).len(), 1);
    let added = |n| RoleChange { user: p(n), role: Role::Recipient, action: RelationshipAction::Add };
    assert_eq!(&factory_reports::peek()[1..], &[added(10), added(11)], "each registrant is reported to the factory");
}

#[test]
fn a_whitelist_only_campaign_takes_listed_principals_and_the_creator_extends_the_list() {
    setup(settings(10, true, vec![p(10)]));
    assert_eq!(registration::register(&ctx(11, OPENS)), Err(DistributionError::NotWhitelisted));
    registration::register(&ctx(10, OPENS)).unwrap();
    assert_eq!(registration::add_to_whitelist(&ctx(11, OPENS), vec![p(11)]), Err(DistributionError::Unauthorized));
    assert_eq!(registration::add_to_whitelist(&ctx(CREATOR, OPENS), vec![p(11), p(12)]), Ok(3));
    assert!(matches!(
        registration::add_to_whitelist(&ctx(CREATOR, OPENS), vec![Principal::anonymous()]),
        Err(DistributionError::InvalidRegistration { .. })
    ));
    registration::register(&ctx(11, OPENS)).unwrap();
    assert!(matches!(registration::add_to_whitelist(&ctx(CREATOR, CLOSES), vec![p(13)]), Err(DistributionError::RegistrationClosed { .. })));
    assert_eq!(campaign::info().registration.map(|r| (r.registered, r.whitelisted)), Some((2, 3)));
}

#[test]
fn activation_waits_for_the_window_to_close_or_fill() {
    setup(settings(2, false, vec![]));
    registration::register(&ctx(10, OPENS)).unwrap();
    let open = DistributionError::RegistrationOpen { closes_at: CLOSES };
    assert_eq!(campaign::begin_activate(&ctx(CREATOR, OPENS + SECOND)).map(|_| ()), Err(open));
    registration::register(&ctx(11, OPENS)).unwrap();
    assert!(campaign::begin_activate(&ctx(CREATOR, OPENS + SECOND)).is_ok(), "every place is taken");
}

#[test]
fn the_registration_settings_are_checked_at_creation() {
    let bad = |r: Registration| {
        let args = DistributionInitArgs {
            factory: p(2),
            creator: p(CREATOR),
            token_ledger: p(3),
            title: "Airdrop".into(),
            categories: vec![Category {
                name: "All".into(),
                schedule: VestingSchedule { start_nanos: 0, initial_unlock_bps: 0, shape: VestingShape::Instant },
            }],
            recipients: vec![],
            allow_pause: false,
            allow_cancel: false,
            registration: Some(r),
        };
        matches!(args.validate_header(), Err(DistributionError::InvalidRegistration { .. }))
    };
    assert!(bad(Registration { closes_at: OPENS, ..settings(1, false, vec![]) }));
    assert!(bad(settings(0, false, vec![])));
    assert!(bad(Registration { category: 1, ..settings(1, false, vec![]) }));
    assert!(bad(Registration { amount: Nat::from(0u8), ..settings(1, false, vec![]) }));
    assert!(bad(Registration { amount: Nat::from(u128::MAX), ..settings(2, false, vec![]) }));
    assert!(bad(settings(1, true, vec![Principal::anonymous()])));
    assert!(!repo::exists());
}
