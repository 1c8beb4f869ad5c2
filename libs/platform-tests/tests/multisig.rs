//! A multisig wallet on the platform as the deploy tool wires it: alice pays the backend for a 2-of-3
//! wallet (alice, bob, carol) observed by dave, the multisig factory creates it (and alone controls it);
//! the registry and the factory list alice as its owner, the signers and the observer; a transfer
//! proposal executes on the second approval and moves the funds exactly once; removing carol by a
//! proposal removes her from the registry and from the factory's signer index; a config the wallet would
//! refuse is refused before any charge.

use candid::{Nat, Principal};
use icto_shared::backend::{BackendConfig, ContractRequest, DeployError, DeployRequest, RelatedCanisters};
use icto_shared::contract::ContractType;
use icto_shared::invoice::{InvoicePage, InvoiceStatus};
use icto_shared::multisig::*;
use icto_shared::multisig_factory::{CreateWalletArgs, MultisigFactoryError, WalletPage, WalletRecord};
use icto_shared::pagination::PageRequest;
use icto_shared::role::Role;
use icto_shared::token::Account;
use std::time::Duration;
use test_kit::ledger::{approve_arg, transfer_arg};
use test_kit::{Canister, Platform};

const E8: u64 = 100_000_000;
const LEDGER_FEE: u64 = 10_000;
const FUNDING: u64 = 20 * E8;
const PAID: u64 = 3 * E8 + 7;

fn balance(p: &Platform, who: Principal) -> u64 {
    u64::try_from(p.payment_ledger.balance(&Account::of(who)).0).unwrap()
}

/// Lets the wallet's and the factory's report timers run (wallet -> factory -> registry).
fn deliver_reports(p: &Platform, wallet: &Canister) {
    for _ in 0..20 {
        p.devnet.advance_time(Duration::from_secs(3));
        p.devnet.tick();
        let info: Result<WalletInfo, MultisigError> = wallet.query_as(p.multisig_factory.id, "get_wallet", ());
        if info.expect("the factory reads its wallet").pending_reports == 0 {
            for _ in 0..5 {
                p.devnet.advance_time(Duration::from_secs(3));
                p.devnet.tick();
            }
            return;
        }
    }
    panic!("the wallet's reports are still pending");
}

#[test]
fn a_paid_two_of_three_wallet_moves_funds_once_on_the_second_approval_and_its_members_are_in_the_registry() {
    let p = Platform::deploy();
    let (alice, bob, carol) = (p.user("alice"), p.user("bob"), p.user("carol"));
    let dave = test_kit::users::principal(4_242);
    let config = |threshold| test_kit::wallets::config("Team treasury", &[alice, bob, carol], &[dave], threshold, &[p.payment_ledger.id]);

    // Only the backend creates at the factory.
    let direct = CreateWalletArgs { creator: alice, config: config(2) };
    for caller in [alice, p.deployer()] {
        let refused: Result<WalletRecord, MultisigFactoryError> = p.multisig_factory.update(caller, "create_wallet", (direct.clone(),));
        assert_eq!(refused, Err(MultisigFactoryError::Unauthorized));
    }

    // A config the wallet would refuse is refused before any charge.
    let backend_config: BackendConfig = p.backend.query("get_config", ());
    let (_, settings) = backend_config.contract_types.iter().find(|(t, _)| *t == ContractType::Multisig).expect("configured");
    assert_eq!((settings.factory, settings.enabled), (Some(p.multisig_factory.id), true));
    let fee = u64::try_from(settings.fee.0.clone()).unwrap();
    assert_eq!(fee, E8 / 2, "0.5 payment token");
    let before = balance(&p, alice);
    let bad = DeployRequest { request_key: "bad".into(), contract: ContractRequest::Multisig(config(4)) };
    let refused: Result<Principal, DeployError> = p.backend.update(alice, "deploy", (bad,));
    assert_eq!(refused, Err(DeployError::InvalidWallet(MultisigError::InvalidThreshold { threshold: 4, signers: 3 })));
    assert_eq!(balance(&p, alice), before, "nothing charged");

    // alice pays: approve (one ledger fee) and the charge (the fee and the transfer_from's ledger fee).
    p.payment_ledger.approve(alice, approve_arg(Account::of(p.backend.id), fee + LEDGER_FEE)).expect("approve");
    let request = DeployRequest { request_key: "treasury".into(), contract: ContractRequest::Multisig(config(2)) };
    let wallet: Result<Principal, DeployError> = p.backend.update(alice, "deploy", (request.clone(),));
    let wallet = wallet.expect("deployed");
    assert_eq!(balance(&p, alice), before - fee - 2 * LEDGER_FEE, "the fee exactly");
    assert_eq!(p.devnet.controllers(wallet), vec![p.multisig_factory.id], "the factory alone controls it");
    let again: Result<Principal, DeployError> = p.backend.update(alice, "deploy", (request,));
    assert_eq!(again, Ok(wallet), "the same key returns the first outcome");
    assert_eq!(balance(&p, alice), before - fee - 2 * LEDGER_FEE, "and charges nothing");

    // The invoice, through the backend's outbox.
    let contract = Canister::new(&p.devnet, wallet);
    deliver_reports(&p, &contract);
    let invoices: InvoicePage = p.invoice_storage.query_as(alice, "get_my_invoices", (0u64, 100u64));
    let invoice = invoices.items.iter().find(|i| i.canister_id == Some(wallet)).expect("an invoice for the wallet");
    assert_eq!((invoice.contract_type, invoice.status, invoice.amount.clone()), (ContractType::Multisig, InvoiceStatus::Completed, Nat::from(fee)));

    // The registry and the factory: alice owns it, the three sign, dave observes.
    let related = |user| -> Vec<(ContractType, Role, Principal)> {
        let r: RelatedCanisters = p.backend.query("get_related_canisters", (user,));
        r.groups.iter().flat_map(|g| g.canisters.iter().map(move |c| (g.contract_type, g.role, *c))).collect()
    };
    let by = |method: &str, user: Principal| -> Vec<Principal> {
        let page: WalletPage = p.multisig_factory.query(method, (user, PageRequest::new(0, 10)));
        page.items.iter().map(|w| w.canister_id).collect()
    };
    assert!(related(alice).contains(&(ContractType::Multisig, Role::Owner, wallet)), "{:?}", related(alice));
    for signer in [alice, bob, carol] {
        assert!(related(signer).contains(&(ContractType::Multisig, Role::Signer, wallet)), "{:?}", related(signer));
        assert_eq!(by("wallets_by_signer", signer), vec![wallet]);
    }
    assert_eq!(related(dave), vec![(ContractType::Multisig, Role::Observer, wallet)]);
    assert_eq!(by("wallets_by_observer", dave), vec![wallet]);
    assert_eq!(by("wallets_by_creator", alice), vec![wallet]);

    // alice funds it; a transfer to carol waits for a second approval, executes on it, and only once.
    p.payment_ledger.transfer(alice, transfer_arg(Account::of(wallet), FUNDING)).expect("fund");
    let carol_before = balance(&p, carol);
    let transfer = ProposeArgs {
        title: "Pay carol".into(),
        description: None,
        action: ProposalAction::Transfer(TransferAction { ledger: p.payment_ledger.id, to: Account::of(carol), amount: Nat::from(PAID), memo: None }),
        expires_in: None,
        not_before: None,
        dedup_key: "pay-carol".into(),
    };
    let proposed: Result<ProposalInfo, MultisigError> = contract.update(alice, "propose", (transfer,));
    let proposed = proposed.expect("propose");
    assert_eq!((proposed.status, proposed.approvals), (ProposalStatus::Pending, 1));
    assert_eq!(balance(&p, carol), carol_before, "one approval moves nothing");
    let approved: Result<ProposalInfo, MultisigError> = contract.update(bob, "approve", (proposed.id, None::<String>));
    let approved = approved.expect("approve");
    assert_eq!(approved.status, ProposalStatus::Executed, "{approved:?}");
    assert!(matches!(approved.outcome, Some(ExecutionOutcome::Transferred { .. })), "{:?}", approved.outcome);
    let late: Result<ProposalInfo, MultisigError> = contract.update(carol, "approve", (proposed.id, None::<String>));
    assert!(late.is_err(), "a third approval of an executed proposal is refused: {late:?}");
    let twice: Result<ProposalInfo, MultisigError> = contract.update(alice, "execute", (proposed.id,));
    assert!(twice.is_err(), "an executed proposal does not execute again: {twice:?}");
    assert_eq!(balance(&p, carol), carol_before + PAID, "carol is paid exactly once");
    assert_eq!(balance(&p, wallet), FUNDING - PAID - LEDGER_FEE);

    // Removing carol: proposed by alice, executed on bob's approval; she leaves the registry and the index.
    let remove = ProposeArgs {
        title: "Carol leaves".into(),
        description: None,
        action: ProposalAction::RemoveSigner(carol),
        expires_in: None,
        not_before: None,
        dedup_key: "remove-carol".into(),
    };
    let proposed: Result<ProposalInfo, MultisigError> = contract.update(alice, "propose", (remove,));
    let approved: Result<ProposalInfo, MultisigError> = contract.update(bob, "approve", (proposed.expect("propose").id, None::<String>));
    assert_eq!(approved.expect("approve").status, ProposalStatus::Executed);
    deliver_reports(&p, &contract);
    assert!(!related(carol).contains(&(ContractType::Multisig, Role::Signer, wallet)), "{:?}", related(carol));
    assert!(by("wallets_by_signer", carol).is_empty());
    assert_eq!(by("wallets_by_signer", bob), vec![wallet], "the others stay");
    assert!(related(bob).contains(&(ContractType::Multisig, Role::Signer, wallet)));
    let info: Result<WalletInfo, MultisigError> = contract.query_as(alice, "get_wallet", ());
    let info = info.expect("alice reads her wallet");
    assert_eq!((info.threshold, info.members.iter().filter(|m| m.role == MemberRole::Signer).count()), (2, 2));
}
