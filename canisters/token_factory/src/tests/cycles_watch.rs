//! The cycles watch's admin endpoints on the host (the passes themselves run on devnet:
//! `tests/cycles_watch_on_devnet.rs`).

use crate::services::{cycles_watch, settings};
use canister_kit::pagination::PageRequest;
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::cycles::CyclesWatchSettings;
use icto_shared::token_factory::{FactoryError, FactoryInitArgs};

const T: u128 = 1_000_000_000_000;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}

fn admin() -> CallContext {
    CallContext::for_test(p(1), 0)
}

#[test]
fn only_admins_set_the_watch_and_read_its_report() {
    settings::init(FactoryInitArgs { admins: vec![p(1)], backend: Some(p(2)), cycles_per_token: None }).unwrap();
    for stranger in [p(2), p(3), Principal::anonymous()] {
        let ctx = CallContext::for_test(stranger, 0);
        assert_eq!(cycles_watch::set_settings(&ctx, CyclesWatchSettings::default()), Err(FactoryError::Unauthorized));
        assert_eq!(cycles_watch::report(&ctx, PageRequest::new(0, 10)), Err(FactoryError::Unauthorized));
    }

    let mut bad = CyclesWatchSettings::default();
    bad.batch_size = 1_000;
    assert!(matches!(cycles_watch::set_settings(&admin(), bad), Err(FactoryError::InvalidArgument(_))));

    let mut s = CyclesWatchSettings::default();
    s.low_balance_mark = 200 * T;
    cycles_watch::set_settings(&admin(), s.clone()).unwrap();
    // The test context holds 100T: under the 200T mark.
    let report = cycles_watch::report(&admin(), PageRequest::new(0, 10)).unwrap();
    assert_eq!((report.settings, report.factory_balance, report.factory_low), (s, 100 * T, true));
    assert_eq!((report.watched_contracts, report.top_ups.total, report.last_pass), (0, 0, None));
    let mut rich = admin();
    rich.cycles_balance = 200 * T;
    assert!(!cycles_watch::report(&rich, PageRequest::new(0, 10)).unwrap().factory_low);
}
