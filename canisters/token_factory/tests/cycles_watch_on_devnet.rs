//! The factory's cycles watch on devnet: tokens created with few cycles (1T, under a 5T threshold) are
//! topped up by the factory's timer one batch per pass, at most the daily cap per token per day; only
//! admins set the watch or read the report; the report shows the factory's low balance; the factory
//! keeps its reserve; an upgrade of the populated factory keeps the watch's state and restarts its timer.

use candid::Principal;
use icto_shared::cycles::{CyclesReport, CyclesWatchSettings, PassSummary};
use icto_shared::pagination::PageRequest;
use icto_shared::token_factory::*;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;
use test_kit::wasm::{built as wasm, with_custom_section};
use test_kit::{Canister, Devnet};

const T: u128 = 1_000_000_000_000;

mod common;
use common::{admin, backend, owner};

fn deploy() -> Canister {
    let init = FactoryInitArgs { admins: vec![admin()], backend: Some(backend()), cycles_per_token: Some(T) };
    let devnet = Arc::new(Devnet::new());
    // 01:00 UTC of the next day, so the passes of "today" do not cross midnight.
    const DAY: u64 = 86_400 * 1_000_000_000;
    devnet.set_time_nanos((devnet.time_nanos() / DAY + 1) * DAY + 3_600 * 1_000_000_000);
    let f = Canister::install(&devnet, admin(), wasm("token_factory"), candid::encode_one(init).unwrap());
    let module = wasm("token");
    let begin = TemplateUploadBegin {
        sha256: Sha256::digest(&module).to_vec(),
        total_size: module.len() as u64,
        label: "v1".into(),
        semver: None,
        release_notes: None,
    };
    f.update::<_, Result<(), FactoryError>>(admin(), "template_upload_begin", (begin,)).unwrap();
    for chunk in module.chunks(1_000_000) {
        f.update::<_, Result<u64, FactoryError>>(admin(), "template_upload_chunk", (serde_bytes::ByteBuf::from(chunk.to_vec()),)).unwrap();
    }
    f.update::<_, Result<TemplateInfo, FactoryError>>(admin(), "template_upload_commit", ()).unwrap();
    f
}

fn create_token(f: &Canister, symbol: &str) -> Principal {
    let config = test_kit::tokens::simple_config(&format!("{symbol} Token"), symbol, owner(), 1);
    let r: Result<TokenRecord, FactoryError> = f.update(backend(), "create_token", (CreateTokenArgs { owner: owner(), config },));
    r.expect("create_token").canister_id
}

fn watch_settings() -> CyclesWatchSettings {
    CyclesWatchSettings {
        interval_seconds: 60,
        batch_size: 1,
        threshold: 5 * T,
        top_up_amount: T,
        daily_cap_per_contract: T,
        factory_reserve: 10 * T,
        low_balance_mark: 1_000 * T,
    }
}

fn report(f: &Canister, caller: Principal) -> Result<CyclesReport, FactoryError> {
    f.query_as(caller, "get_cycles_report", (PageRequest::new(0, 10),))
}

/// Lets the next pass fall due and runs the network until it has finished.
fn next_pass(f: &Canister, after: Duration) -> PassSummary {
    let before = report(f, admin()).unwrap().last_pass;
    f.devnet.advance_time(after);
    for _ in 0..50 {
        f.devnet.tick();
        let last = report(f, admin()).unwrap().last_pass;
        if last.is_some() && last != before {
            return last.unwrap();
        }
    }
    panic!("no pass finished");
}

#[test]
fn the_factory_tops_up_its_low_tokens_within_the_daily_cap_and_keeps_the_watch_across_an_upgrade() {
    let f = deploy();
    let (a, b) = (create_token(&f, "AAA"), create_token(&f, "BBB"));
    let balance = |c: Principal| f.devnet.cycle_balance(c);
    assert!(balance(a) < 5 * T && balance(b) < 5 * T, "created with 1T");

    // Only admins set the watch or read its report; bad settings are refused with a reason.
    let set = |caller: Principal, s: CyclesWatchSettings| -> Result<(), FactoryError> { f.update(caller, "set_cycles_watch", (s,)) };
    assert_eq!(set(owner(), watch_settings()), Err(FactoryError::Unauthorized));
    assert_eq!(report(&f, owner()), Err(FactoryError::Unauthorized));
    assert_eq!(report(&f, backend()), Err(FactoryError::Unauthorized));
    let mut bad = watch_settings();
    bad.daily_cap_per_contract = T / 2;
    assert!(matches!(set(admin(), bad), Err(FactoryError::InvalidArgument(_))));
    assert_eq!(report(&f, admin()).unwrap().settings, CyclesWatchSettings::default(), "nothing stored");
    set(admin(), watch_settings()).unwrap();

    // One token per pass (batch of 1): the timer tops up a, then b.
    let (a_before, factory_before) = (balance(a), balance(f.id));
    let first = next_pass(&f, Duration::from_secs(61));
    assert_eq!((first.first_position, first.checked, first.topped_up, first.failed), (0, 1, 1, 0), "{first:?}");
    assert!(balance(a) >= a_before + T - T / 100, "a got 1T: {} -> {}", a_before, balance(a));
    assert!(balance(f.id) <= factory_before - T, "from the factory's own cycles");
    let second = next_pass(&f, Duration::from_secs(61));
    assert_eq!((second.first_position, second.topped_up), (1, 1), "{second:?}");

    let r = report(&f, admin()).unwrap();
    assert_eq!(r.top_ups.total, 2);
    let logged: Vec<(Principal, u128)> = r.top_ups.items.iter().map(|e| (e.contract, e.amount)).collect();
    assert_eq!(logged, vec![(b, T), (a, T)], "newest first");
    assert!(r.top_ups.items.iter().all(|e| e.balance_before < T && e.balance_before > 0));
    assert_eq!(r.total_given, 2 * T);
    assert_eq!(r.watched_contracts, 2);
    // The factory's own balance (about 96T) is under its low-balance mark (1,000T): flagged for admins.
    assert!(r.factory_low && r.factory_balance < 100 * T && r.factory_balance > 90 * T, "{r:?}");

    // Still under the threshold (about 2T of 5T) but a's cap for today is given: nothing more today.
    let a_capped = balance(a);
    let third = next_pass(&f, Duration::from_secs(61));
    assert_eq!((third.first_position, third.capped, third.topped_up), (0, 1, 0), "{third:?}");
    assert!(balance(a) <= a_capped);
    assert_eq!(report(&f, admin()).unwrap().top_ups.total, 2);

    // The populated factory upgrades with its watch: settings, log, cursor and today's counts stay,
    // and the timer runs again.
    let mut before = report(&f, admin()).unwrap();
    f.upgrade(admin(), with_custom_section(wasm("token_factory"), "icto:template", b"factory v2"), vec![]).expect("upgrade");
    let mut after = report(&f, admin()).unwrap();
    (before.factory_balance, after.factory_balance) = (0, 0);
    assert_eq!(after, before);
    let fourth = next_pass(&f, Duration::from_secs(61));
    assert_eq!((fourth.first_position, fourth.capped, fourth.topped_up), (1, 1, 0), "b's cap still counts: {fourth:?}");

    // A new day: a is topped up again.
    let fifth = next_pass(&f, Duration::from_secs(86_400));
    assert_eq!((fifth.first_position, fifth.topped_up), (0, 1), "{fifth:?}");
    let r = report(&f, admin()).unwrap();
    assert_eq!((r.top_ups.total, r.top_ups.items[0].contract, r.total_given), (3, a, 3 * T));

    // Mark lowered under the factory's balance: no longer flagged.
    let mut s = watch_settings();
    s.low_balance_mark = T;
    set(admin(), s.clone()).unwrap();
    assert!(!report(&f, admin()).unwrap().factory_low);

    // The factory keeps its reserve: with a reserve above its balance, b (under the threshold, a new
    // day's cap free) gets nothing.
    s.factory_reserve = 1_000 * T;
    set(admin(), s).unwrap();
    let b_before = balance(b);
    let sixth = next_pass(&f, Duration::from_secs(86_400));
    assert_eq!((sixth.first_position, sixth.held_back, sixth.topped_up), (1, 1, 0), "{sixth:?}");
    assert!(balance(b) <= b_before);
    assert_eq!(report(&f, admin()).unwrap().top_ups.total, 3);
}

