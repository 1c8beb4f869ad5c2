//! Prints what approvals cost the wallet in instructions: a vote that does not reach the threshold (one
//! message) and the approval that reaches it and executes a transfer (both of its messages, as the wallet
//! logs them). Run after `scripts/build-canisters multisig token kit_probe`.

use candid::{Nat, Principal};
use devnet::Devnet;
use icto_shared::multisig::*;
use icto_shared::token::*;

const FEE: u64 = 10_000;
const ROUNDS: u64 = 50;

fn principal(n: u64) -> Principal {
    let mut b = vec![0x6b];
    b.extend_from_slice(&n.to_be_bytes());
    b.push(1);
    Principal::from_slice(&b)
}

struct Stats(Vec<u64>);

impl Stats {
    fn print(mut self, what: &str) {
        self.0.sort_unstable();
        let n = self.0.len();
        let mean = self.0.iter().sum::<u64>() / n as u64;
        println!("{what:<56} median {:>10}  mean {:>10}  min {:>10}  max {:>10}  (n={n})", self.0[n / 2], mean, self.0[0], self.0[n - 1]);
    }
}

fn main() {
    let devnet = Devnet::new();
    let controller = principal(u64::MAX);
    let funder = principal(u64::MAX - 1);
    let install = |name: &str, arg: Vec<u8>| {
        let id = devnet.create_canister(controller);
        devnet.install_code(id, test_kit::wasm::built(name), arg, controller).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        id
    };
    let ledger = install(
        "token",
        candid::encode_one(LedgerArg::Init(InitArgs {
            minting_account: Account::of(principal(u64::MAX - 2)),
            fee_collector_account: None,
            transfer_fee: Nat::from(FEE),
            decimals: Some(8),
            max_memo_length: Some(32),
            token_symbol: "TEAM".into(),
            token_name: "Team".into(),
            metadata: vec![],
            initial_balances: vec![(Account::of(funder), Nat::from(u64::MAX))],
            feature_flags: Some(FeatureFlags { icrc2: true }),
            max_transactions_in_window: None,
        }))
        .unwrap(),
    );
    // Plays the factory: accepts the wallet's relationship reports.
    let factory = install("kit_probe", candid::encode_args(()).unwrap());
    // Three of five signers, one observer, a daily limit on the ledger (so the limit's accounting is measured).
    let signers: Vec<Principal> = (0..5).map(principal).collect();
    let config = WalletConfig {
        name: "Benchmark".into(),
        description: None,
        signers: signers.iter().map(|s| MemberInit { principal: *s, name: "signer".into() }).collect(),
        observers: vec![MemberInit { principal: principal(10), name: "observer".into() }],
        threshold: 3,
        tokens: vec![ledger],
        spending_limits: vec![SpendingLimit { ledger, daily_max: Nat::from(u64::MAX) }],
    };
    let wallet = install("multisig", candid::encode_one(MultisigInitArgs { factory, creator: funder, config }).unwrap());
    let fund = TransferArg { from_subaccount: None, to: Account::of(wallet), amount: Nat::from(ROUNDS * (1_000 + FEE)), fee: None, memo: None, created_at_time: None };
    devnet.update_call(ledger, funder, "icrc1_transfer", candid::encode_one(fund).unwrap()).unwrap();

    let approve = |who: Principal, id: u64| -> ProposalInfo {
        let reply = devnet.update_call(wallet, who, "approve", candid::encode_args((id, None::<String>)).unwrap()).unwrap();
        candid::decode_one::<Result<ProposalInfo, MultisigError>>(&reply).unwrap().expect("approved")
    };
    let logged_cost = || -> u64 {
        let line = devnet
            .canister_logs(wallet)
            .iter()
            .rev()
            .map(|l| String::from_utf8_lossy(&l.content).to_string())
            .find(|l| l.starts_with("approve: "))
            .expect("the wallet logs each approval's cost");
        line["approve: ".len()..].split(' ').next().and_then(|n| n.parse().ok()).expect("a count")
    };
    let (mut votes, mut executions) = (Stats(vec![]), Stats(vec![]));
    for round in 0..ROUNDS {
        let args = ProposeArgs {
            title: format!("Pay {round}"),
            description: Some("A monthly payment".into()),
            action: ProposalAction::Transfer(TransferAction { ledger, to: Account::of(principal(100 + round)), amount: Nat::from(1_000u32), memo: None }),
            expires_in: None,
            not_before: None,
            dedup_key: format!("pay-{round}"),
        };
        let reply = devnet.update_call(wallet, signers[0], "propose", candid::encode_one(args).unwrap()).unwrap();
        let id = candid::decode_one::<Result<ProposalInfo, MultisigError>>(&reply).unwrap().expect("proposed").id;
        assert_eq!(approve(signers[1], id).status, ProposalStatus::Pending);
        votes.0.push(devnet.last_instructions());
        assert_eq!(approve(signers[2], id).status, ProposalStatus::Executed);
        executions.0.push(logged_cost());
    }
    println!("instructions on devnet (the replica's metering), a 3-of-5 wallet with a daily limit:");
    votes.print("approve, a vote below the threshold (one message)");
    executions.print("approve that executes a transfer (both messages)");
}
