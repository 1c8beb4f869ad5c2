//! A 2-of-3 wallet on the host (each test runs on its own thread, so on empty stable memory).

use crate::services::{execution, proposals, wallet};
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::multisig::*;
use icto_shared::token::Account;

pub fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}
pub const FACTORY: u8 = 1;
pub const CREATOR: u8 = 2;
pub const ALICE: u8 = 10;
pub const BOB: u8 = 11;
pub const CAROL: u8 = 12;
pub const OLIVIA: u8 = 20;
pub const STRANGER: u8 = 30;
pub const LEDGER: u8 = 40;
pub const PAYEE: u8 = 50;
pub const MINUTE: u64 = 60 * 1_000_000_000;
pub const DAY: u64 = 24 * 60 * MINUTE;
/// Noon of a UTC day.
pub const NOW: u64 = 20_000 * DAY + DAY / 2;

pub fn ctx(caller: u8, now: u64) -> CallContext {
    CallContext::for_test(p(caller), now)
}

pub fn config() -> WalletConfig {
    let member = |n: u8| MemberInit { principal: p(n), name: format!("m{n}") };
    WalletConfig {
        name: "Treasury".into(),
        description: None,
        signers: vec![member(ALICE), member(BOB), member(CAROL)],
        observers: vec![member(OLIVIA)],
        threshold: 2,
        tokens: vec![p(LEDGER)],
        spending_limits: vec![],
    }
}

pub fn setup_with(config: WalletConfig) {
    wallet::init(&ctx(CREATOR, NOW), MultisigInitArgs { factory: p(FACTORY), creator: p(CREATOR), config }).unwrap();
}

pub fn setup() {
    setup_with(config());
}

pub fn transfer(amount: u64) -> ProposalAction {
    ProposalAction::Transfer(TransferAction { ledger: p(LEDGER), to: Account::of(p(PAYEE)), amount: Nat::from(amount), memo: None })
}

pub fn args(action: ProposalAction, key: &str) -> ProposeArgs {
    ProposeArgs { title: format!("proposal {key}"), description: None, action, expires_in: None, not_before: None, dedup_key: key.into() }
}

/// Submits (the synchronous part of `propose`): the new proposal's id.
pub fn propose(who: u8, action: ProposalAction, key: &str) -> Result<u64, MultisigError> {
    proposals::submit(&ctx(who, NOW), args(action, key)).map(|(p, _)| p.id)
}

pub fn status(id: u64) -> ProposalStatus {
    proposals::get(&ctx(ALICE, NOW), id).unwrap().status
}

/// Executes a member or policy action (no await) as `who`.
pub fn execute_applied(who: u8, id: u64) -> ProposalInfo {
    match execution::begin(&ctx(who, NOW), id).unwrap() {
        execution::Begun::Finished(info) => info,
        execution::Begun::Started(..) => panic!("a member or policy action awaits nothing"),
    }
}
