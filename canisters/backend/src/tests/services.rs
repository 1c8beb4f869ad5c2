//! Services on the host: settings and their checks, rate limits, the registry.

use crate::services::{access, rate_limits, registry, settings};
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::backend::*;
use icto_shared::contract::ContractType;
use icto_shared::role::Role;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n, 1, 2])
}

const ADMIN: u8 = 1;
const FACTORY: u8 = 50;
const SECOND: u64 = 1_000_000_000;

fn ctx(n: u8) -> CallContext {
    CallContext::for_test(p(n), 1_000 * SECOND)
}

/// 1 token = 10^8 units buys 10^12 cycles: 1T cycles cost 10^8 units.
fn setup() {
    settings::init(BackendInitArgs {
        admins: vec![p(ADMIN)],
        payment: PaymentSettings { ledger: p(9), ledger_fee: Nat::from(10_000u64), decimals: 8, cycles_per_token: 1_000_000_000_000 },
        rate_limits: Some(RateLimits { window_seconds: 60, per_user: 2, global: 3 }),
        storages: None,
    })
    .unwrap();
}

fn token_type(fee: u64, cycles: u128) -> ContractTypeSettings {
    ContractTypeSettings { fee: Nat::from(fee), cycles, enabled: true, factory: Some(p(FACTORY)) }
}

#[test]
fn init_refuses_bad_settings() {
    let payment = PaymentSettings { ledger: p(9), ledger_fee: Nat::from(1u8), decimals: 8, cycles_per_token: 1 };
    let no_admin = BackendInitArgs { admins: vec![], payment: payment.clone(), rate_limits: None, storages: None };
    assert!(settings::init(no_admin).is_err());
    let anonymous_ledger = BackendInitArgs {
        admins: vec![p(1)],
        payment: PaymentSettings { ledger: Principal::anonymous(), ..payment },
        rate_limits: None,
        storages: None,
    };
    assert!(settings::init(anonymous_ledger).is_err());
}

#[test]
fn only_admins_change_settings_and_fees_must_cover_cycles() {
    setup();
    assert_eq!(settings::set_contract_type(&ctx(7), ContractType::Token, token_type(200_000_000, 2_000_000_000_000)), Err(BackendError::Unauthorized));
    assert_eq!(settings::set_admins(&ctx(7), vec![p(7)]), Err(BackendError::Unauthorized));
    assert_eq!(settings::set_rate_limits(&ctx(7), RateLimits::default()), Err(BackendError::Unauthorized));
    // 2T cycles at 1T per token need 2 tokens.
    assert_eq!(
        settings::set_contract_type(&ctx(ADMIN), ContractType::Token, token_type(199_999_999, 2_000_000_000_000)),
        Err(BackendError::FeeBelowCycleCost { min_fee: Nat::from(200_000_000u64) })
    );
    settings::set_contract_type(&ctx(ADMIN), ContractType::Token, token_type(200_000_000, 2_000_000_000_000)).unwrap();
    let config = settings::get();
    assert_eq!(config.contract_types, vec![(ContractType::Token, token_type(200_000_000, 2_000_000_000_000))]);
    // A rate that makes the fee too small is refused too.
    let dearer = PaymentSettings { cycles_per_token: 500_000_000_000, ..config.payment.clone() };
    assert!(matches!(settings::set_payment(&ctx(ADMIN), dearer), Err(BackendError::FeeBelowCycleCost { .. })));
    // One factory serves one type.
    assert!(matches!(
        settings::set_contract_type(&ctx(ADMIN), ContractType::Dao, token_type(200_000_000, 1)),
        Err(BackendError::InvalidArgument(_))
    ));
    assert_eq!(access::require_factory(&ctx(FACTORY)), Ok(ContractType::Token));
}

#[test]
fn rate_limits_count_per_user_and_globally_per_window() {
    setup();
    let now = 1_000 * SECOND; // the 60 s window [960 s, 1020 s)
    rate_limits::admit(p(10), now).unwrap();
    rate_limits::admit(p(10), now).unwrap();
    assert_eq!(rate_limits::admit(p(10), now + SECOND), Err(DeployError::RateLimited { retry_after_seconds: 19 }));
    rate_limits::admit(p(11), now).unwrap();
    assert!(matches!(rate_limits::admit(p(12), now), Err(DeployError::RateLimited { .. })), "global limit of 3");
    // The next window starts afresh.
    rate_limits::admit(p(10), now + 20 * SECOND).unwrap();
}

#[test]
fn only_whitelisted_factories_report_and_reads_are_grouped() {
    setup();
    settings::set_contract_type(&ctx(ADMIN), ContractType::Token, token_type(200_000_000, 2_000_000_000_000)).unwrap();
    let alice = p(20);
    let change = |role, contract, action| RelationshipChange { user: alice, role, contract, action };
    let report = vec![
        change(Role::Recipient, p(101), RelationshipAction::Add),
        change(Role::Owner, p(100), RelationshipAction::Add),
        change(Role::Owner, p(102), RelationshipAction::Add),
    ];
    assert_eq!(registry::report(&ctx(7), report.clone()), Err(BackendError::Unauthorized));
    assert_eq!(registry::related(alice), RelatedCanisters { groups: vec![], total: 0 });
    registry::report(&ctx(FACTORY), report).unwrap();
    registry::add(alice, ContractType::Dao, Role::Member, p(200)).unwrap();
    let related = registry::related(alice);
    assert_eq!(related.total, 4);
    assert_eq!(
        related.groups,
        vec![
            RelatedGroup { contract_type: ContractType::Token, role: Role::Owner, canisters: vec![p(100), p(102)] },
            RelatedGroup { contract_type: ContractType::Token, role: Role::Recipient, canisters: vec![p(101)] },
            RelatedGroup { contract_type: ContractType::Dao, role: Role::Member, canisters: vec![p(200)] },
        ]
    );
    registry::report(&ctx(FACTORY), vec![change(Role::Owner, p(100), RelationshipAction::Remove)]).unwrap();
    assert_eq!(registry::related(alice).total, 3);
    assert_eq!(registry::related(p(21)).total, 0, "other users see nothing of alice's");
}
