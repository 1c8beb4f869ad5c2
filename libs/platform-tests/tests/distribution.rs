//! A vesting campaign on the platform as the deploy tool wires it: alice pays the backend for a campaign
//! distributing the payment token to bob and carol, the distribution factory creates it (and alone
//! controls it), alice funds and activates it, both claim as it vests and it completes with every
//! balance exact; bob finds it through the backend's registry and the factory's recipient index.

use candid::{Nat, Principal};
use icto_shared::backend::{BackendConfig, ContractRequest, DeployError, DeployRequest, RelatedCanisters};
use icto_shared::contract::ContractType;
use icto_shared::distribution::{
    CampaignConfig, CampaignInfo, CampaignStatus, Category, ClaimRecord, DistributionError, RecipientEntry,
};
use icto_shared::distribution_factory::{CampaignPage, CreateCampaignArgs, DistributionFactoryError};
use icto_shared::pagination::PageRequest;
use icto_shared::role::Role;
use icto_shared::token::Account;
use icto_shared::vesting::{Frequency, VestingSchedule, VestingShape, DAY_SECONDS};
use std::time::Duration;
use test_kit::ledger::{approve_arg, transfer_arg};
use test_kit::{Canister, Platform};

const E8: u64 = 100_000_000;
const LEDGER_FEE: u64 = 10_000;
const DAY: u64 = DAY_SECONDS * 1_000_000_000;
const BOB: u64 = 30 * E8;
const CAROL: u64 = 10 * E8 + 7;

fn config(p: &Platform, start_nanos: u64) -> CampaignConfig {
    let entry = |owner, amount: u64| RecipientEntry { owner, subaccount: None, category: 0, amount: Nat::from(amount) };
    CampaignConfig {
        token_ledger: p.payment_ledger.id,
        title: "Team vesting".into(),
        categories: vec![Category {
            name: "Team".into(),
            schedule: VestingSchedule {
                start_nanos,
                initial_unlock_bps: 1_000,
                shape: VestingShape::Linear { duration_seconds: 100 * DAY_SECONDS, frequency: Frequency::Daily },
            },
        }],
        recipients: vec![entry(p.user("bob"), BOB), entry(p.user("carol"), CAROL)],
        allow_pause: true,
        allow_cancel: true,
        registration: None,
    }
}

fn balance(p: &Platform, who: Principal) -> u64 {
    u64::try_from(p.payment_ledger.balance(&Account::of(who)).0).unwrap()
}

/// Lets the contract's and the factory's report timers run.
fn deliver_reports(p: &Platform) {
    for _ in 0..5 {
        p.devnet.advance_time(Duration::from_secs(1));
        p.devnet.tick();
    }
}

#[test]
fn a_paid_campaign_vests_to_two_recipients_who_claim_it_all_and_find_it_in_the_registry() {
    let p = Platform::deploy();
    let (alice, bob, carol) = (p.user("alice"), p.user("bob"), p.user("carol"));
    let start = p.devnet.time_nanos();

    // Only the backend creates at the factory.
    let direct = CreateCampaignArgs { creator: alice, config: config(&p, start) };
    for caller in [alice, p.deployer()] {
        let refused: Result<icto_shared::distribution_factory::CampaignRecord, DistributionFactoryError> =
            p.distribution_factory.update(caller, "create_campaign", (direct.clone(),));
        assert_eq!(refused, Err(DistributionFactoryError::Unauthorized));
    }

    // A request the contract would refuse is refused before any charge.
    let backend_config: BackendConfig = p.backend.query("get_config", ());
    let (_, settings) = backend_config.contract_types.iter().find(|(t, _)| *t == ContractType::Distribution).expect("configured");
    assert_eq!(settings.factory, Some(p.distribution_factory.id));
    let fee = u64::try_from(settings.fee.0.clone()).unwrap();
    let mut bad = config(&p, start);
    bad.title = String::new();
    let before = balance(&p, alice);
    let refused: Result<Principal, DeployError> =
        p.backend.update(alice, "deploy", (DeployRequest { request_key: "bad".into(), contract: ContractRequest::Distribution(bad) },));
    assert!(matches!(refused, Err(DeployError::InvalidCampaign(DistributionError::TitleLength { .. }))), "{refused:?}");
    assert_eq!(balance(&p, alice), before);

    // alice pays: approve (one ledger fee) and the charge (the fee and the transfer_from's ledger fee).
    p.payment_ledger.approve(alice, approve_arg(Account::of(p.backend.id), fee + LEDGER_FEE)).expect("approve");
    let request = DeployRequest { request_key: "team-vesting".into(), contract: ContractRequest::Distribution(config(&p, start)) };
    let campaign: Result<Principal, DeployError> = p.backend.update(alice, "deploy", (request.clone(),));
    let campaign = campaign.expect("deployed");
    assert_eq!(balance(&p, alice), before - fee - 2 * LEDGER_FEE);
    assert_eq!(p.devnet.controllers(campaign), vec![p.distribution_factory.id], "the factory alone controls it");
    // The same key again returns the first outcome and charges nothing.
    let again: Result<Principal, DeployError> = p.backend.update(alice, "deploy", (request,));
    assert_eq!(again, Ok(campaign));
    assert_eq!(balance(&p, alice), before - fee - 2 * LEDGER_FEE);

    // bob finds it as a recipient, alice as its owner: at the factory and in the backend's registry.
    deliver_reports(&p);
    let contract = Canister::new(&p.devnet, campaign);
    let info: CampaignInfo = contract.query("get_campaign", ());
    assert_eq!((info.creator, info.status, info.pending_reports), (alice, CampaignStatus::Created, 0));
    let first_page = PageRequest::new(0, 10);
    for (user, method) in [(bob, "campaigns_by_recipient"), (carol, "campaigns_by_recipient"), (alice, "campaigns_by_creator")] {
        let page: CampaignPage = p.distribution_factory.query(method, (user, first_page));
        assert_eq!(page.items.iter().map(|c| c.canister_id).collect::<Vec<_>>(), vec![campaign], "{method}");
    }
    let related = |user| -> Vec<(ContractType, Role, Principal)> {
        let r: RelatedCanisters = p.backend.query("get_related_canisters", (user,));
        r.groups.iter().flat_map(|g| g.canisters.iter().map(move |c| (g.contract_type, g.role, *c))).collect()
    };
    assert!(related(bob).contains(&(ContractType::Distribution, Role::Recipient, campaign)), "{:?}", related(bob));
    assert!(related(alice).contains(&(ContractType::Distribution, Role::Owner, campaign)));

    // alice funds it: every allocation plus one prepaid fee per row.
    let required = BOB + CAROL + 2 * LEDGER_FEE;
    p.payment_ledger.transfer(alice, transfer_arg(Account::of(campaign), required - 1)).expect("fund");
    let short: Result<CampaignInfo, DistributionError> = contract.update(alice, "activate", ());
    assert!(matches!(short, Err(DistributionError::Underfunded { .. })), "{short:?}");
    p.payment_ledger.transfer(alice, transfer_arg(Account::of(campaign), 1)).expect("fund the rest");
    let active: Result<CampaignInfo, DistributionError> = contract.update(alice, "activate", ());
    assert_eq!(active.map(|i| i.status), Ok(CampaignStatus::Active));

    // Day 50: 10% at the start plus half of the other 90%.
    let (bob_before, carol_before) = (balance(&p, bob), balance(&p, carol));
    p.devnet.set_time_nanos(start + 50 * DAY + 1);
    let claim = |who| -> Result<ClaimRecord, DistributionError> { contract.update(who, "claim", (None::<Nat>,)) };
    let first = claim(bob).expect("bob claims at day 50");
    assert_eq!(first.amount, Nat::from(BOB / 10 + (BOB - BOB / 10) / 2));
    assert_eq!(first.received, first.amount, "the row's prepaid fee pays the first transfer");

    // Day 100: everything has vested; both take the rest.
    p.devnet.set_time_nanos(start + 100 * DAY + 1);
    let second = claim(bob).expect("bob claims the rest");
    let carols = claim(carol).expect("carol claims all");
    assert_eq!(first.amount.clone() + second.amount.clone(), Nat::from(BOB));
    assert_eq!(carols.amount, Nat::from(CAROL));
    assert_eq!(second.received, second.amount.clone() - Nat::from(LEDGER_FEE), "a later claim pays its own fee");
    assert_eq!(balance(&p, bob), bob_before + BOB - LEDGER_FEE);
    assert_eq!(balance(&p, carol), carol_before + CAROL);
    let done: CampaignInfo = contract.query("get_campaign", ());
    assert_eq!(done.status, CampaignStatus::Completed);
    assert_eq!(done.totals.claimed, Nat::from(BOB + CAROL));
    assert_eq!(balance(&p, campaign), 0, "nothing is left behind");
    assert_eq!(claim(bob).map(|r| r.amount), Err(DistributionError::WrongStatus { status: CampaignStatus::Completed }));
}
