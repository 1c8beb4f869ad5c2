//! What each platform canister stores per paid token deployment, for `docs/scaling.md`: the whole
//! platform as the deploy tool wires it, a few paid deployments by distinct users, then each record's
//! Candid encoding as the canisters store it (`Candid<T>` storables), read back through their queries:
//! the backend's deployment record, the user's audit entries, the invoice, the factory's token record.
//! (Stable memory itself grows in 8 MiB buckets per structure, too coarse to measure a few records; the
//! registry's bytes per relationship are measured at 1M by `gateway_bench`.)
//!
//! `scripts/build-canisters && cargo run -p platform-tests --example state_growth`

use candid::{Nat, Principal};
use icto_shared::audit::AuditPage;
use icto_shared::backend::{ContractRequest, DeployError, DeployRequest, DeploymentStatus};
use icto_shared::invoice::InvoicePage;
use icto_shared::token::{Account, ApproveArgs, ApproveError, TransferArg, TransferError};
use icto_shared::token_factory::{TokenConfig, TokenRecord};
use test_kit::Platform;

const E8: u64 = 100_000_000;
const DEPLOYMENTS: u64 = 5;

fn config(n: u64, owner: Principal) -> TokenConfig {
    TokenConfig {
        name: format!("Growth Token {n}"),
        symbol: format!("GRW{n}"),
        decimals: 8,
        transfer_fee: Nat::from(10_000u64),
        logo: None,
        description: Some("A token of typical size: a short description, one initial balance.".into()),
        website: None,
        initial_balances: vec![(Account::of(owner), Nat::from(1_000_000 * E8))],
        minting_account: None,
        fee_collector: None,
        fixed_supply: None,
    }
}

/// A new user funded by alice, who approves the backend and pays for one token.
fn paid_deployment(p: &Platform, n: u64) -> Principal {
    let user = test_kit::users::principal(70_000 + n);
    let alice = p.user("alice");
    let fund = TransferArg {
        from_subaccount: None,
        to: Account::of(user),
        amount: Nat::from(2 * E8),
        fee: None,
        memo: None,
        created_at_time: None,
    };
    let sent: Result<Nat, TransferError> = p.payment_ledger.0.update(alice, "icrc1_transfer", (fund,));
    sent.expect("alice funds the user");
    let approve = ApproveArgs {
        from_subaccount: None,
        spender: Account::of(p.backend.id),
        amount: Nat::from(E8 + 10_000),
        expected_allowance: None,
        expires_at: None,
        fee: None,
        memo: None,
        created_at_time: None,
    };
    let approved: Result<Nat, ApproveError> = p.payment_ledger.0.update(user, "icrc2_approve", (approve,));
    approved.expect("approve");
    let request = DeployRequest { request_key: format!("growth-{n}"), contract: ContractRequest::Token(config(n, user)) };
    let deployed: Result<Principal, DeployError> = p.backend.update(user, "deploy", (request,));
    deployed.expect("deployed");
    p.devnet.tick();
    user
}

fn encoded<T: candid::CandidType>(value: &T) -> usize {
    candid::encode_one(value).expect("encodes").len()
}

fn main() {
    let p = Platform::deploy();
    let mut totals = [0usize; 4];
    let mut audit_entries = 0;
    for n in 0..DEPLOYMENTS {
        let user = paid_deployment(&p, n);
        let status: Option<DeploymentStatus> = p.backend.query_as(user, "get_deployment", (format!("growth-{n}"),));
        let status = status.expect("the deployment's record");
        let audit: AuditPage = p.audit_storage.query_as(user, "get_my_entries", (0u64, 100u64));
        let invoices: InvoicePage = p.invoice_storage.query_as(user, "get_my_invoices", (0u64, 100u64));
        let token: Option<TokenRecord> = p.token_factory.query("get_token", (status.canister_id.expect("created"),));
        totals[0] += encoded(&status);
        totals[1] += audit.items.iter().map(encoded).sum::<usize>();
        audit_entries += audit.items.len();
        totals[2] += invoices.items.iter().map(encoded).sum::<usize>();
        totals[3] += encoded(&token.expect("the factory's record"));
    }
    println!("bytes stored per paid token deployment (Candid records, {DEPLOYMENTS} deployments by distinct users):");
    for (name, total) in ["backend deployment record", "audit entries", "invoice", "factory token record"].iter().zip(totals) {
        println!("  {name:<26} {:>6}", total / DEPLOYMENTS as usize);
    }
    println!("  ({} audit entries per deployment)", audit_entries as f64 / DEPLOYMENTS as f64);
}
