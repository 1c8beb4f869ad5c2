//! Prints what a campaign costs in instructions: adding 1,000 recipients (into an empty campaign and into
//! one of 10,000 and 90,000 rows: the duplicate check reads the stored index), and one claim (both of its
//! messages, as the contract logs them). Run after `scripts/build-canisters distribution token kit_probe`.

use candid::{Nat, Principal};
use devnet::Devnet;
use icto_shared::distribution::*;
use icto_shared::token::*;
use icto_shared::vesting::{Frequency, VestingSchedule, VestingShape, DAY_SECONDS};

const FEE: u64 = 10_000;
const AMOUNT: u64 = 1_000_000;
const CLAIMS: u64 = 200;

fn principal(n: u64) -> Principal {
    let mut b = vec![0x5b];
    b.extend_from_slice(&n.to_be_bytes());
    b.push(1);
    Principal::from_slice(&b)
}

fn rows(from: u64, n: u64) -> Vec<RecipientEntry> {
    (from..from + n).map(|i| RecipientEntry { owner: principal(i), subaccount: None, category: 0, amount: Nat::from(AMOUNT) }).collect()
}

struct Stats(Vec<u64>);

impl Stats {
    fn print(mut self, what: &str) {
        self.0.sort_unstable();
        let n = self.0.len();
        let mean = self.0.iter().sum::<u64>() / n as u64;
        println!("{what:<52} median {:>10}  mean {:>10}  min {:>10}  max {:>10}  (n={n})", self.0[n / 2], mean, self.0[0], self.0[n - 1]);
    }
}

fn main() {
    let devnet = Devnet::new();
    let controller = principal(u64::MAX);
    let creator = principal(u64::MAX - 1);
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
            token_symbol: "DIST".into(),
            token_name: "Distributed".into(),
            metadata: vec![],
            initial_balances: vec![(Account::of(creator), Nat::from(u64::MAX))],
            feature_flags: Some(FeatureFlags { icrc2: true }),
            max_transactions_in_window: None,
        }))
        .unwrap(),
    );
    // Plays the factory: accepts the contract's relationship reports.
    let factory = install("kit_probe", candid::encode_args(()).unwrap());
    let start = devnet.time_nanos();
    let campaign = |recipients: Vec<RecipientEntry>| {
        let init = DistributionInitArgs {
            factory,
            creator,
            token_ledger: ledger,
            title: "Benchmark".into(),
            categories: vec![Category {
                name: "Team".into(),
                schedule: VestingSchedule {
                    start_nanos: start,
                    initial_unlock_bps: 0,
                    shape: VestingShape::Linear { duration_seconds: 100 * DAY_SECONDS, frequency: Frequency::Daily },
                },
            }],
            recipients,
            allow_pause: false,
            allow_cancel: false,
            registration: None,
        };
        install("distribution", candid::encode_one(init).unwrap())
    };
    let add = |c: Principal, entries: Vec<RecipientEntry>| -> u64 {
        let reply = devnet.update_call(c, creator, "add_recipients", candid::encode_one(entries).unwrap()).unwrap();
        let totals: Result<CampaignTotals, DistributionError> = candid::decode_one(&reply).unwrap();
        totals.expect("added");
        devnet.last_instructions()
    };

    println!("instructions per message on devnet (the replica's metering):");
    for existing in [0u64, 10_000, 90_000] {
        let c = campaign(vec![]);
        for batch in (0..existing).step_by(10_000) {
            add(c, rows(batch, 10_000));
        }
        let cost = add(c, rows(existing, 1_000));
        println!("{:<52} {cost:>10}", format!("add_recipients, 1,000 rows into {existing} rows"));
    }

    let c = campaign(rows(0, CLAIMS));
    let required = CLAIMS * (AMOUNT + FEE);
    let arg = TransferArg { from_subaccount: None, to: Account::of(c), amount: Nat::from(required), fee: None, memo: None, created_at_time: None };
    devnet.update_call(ledger, creator, "icrc1_transfer", candid::encode_one(arg).unwrap()).unwrap();
    devnet.update_call(c, creator, "activate", candid::encode_args(()).unwrap()).unwrap();
    devnet.set_time_nanos(start + 50 * DAY_SECONDS * 1_000_000_000 + 1);
    let mut claims = Stats(vec![]);
    for i in 0..CLAIMS {
        let reply = devnet.update_call(c, principal(i), "claim", candid::encode_one(None::<Nat>).unwrap()).unwrap();
        let claimed: Result<ClaimRecord, DistributionError> = candid::decode_one(&reply).unwrap();
        claimed.expect("claimed");
        let line = devnet
            .canister_logs(c)
            .iter()
            .rev()
            .map(|l| String::from_utf8_lossy(&l.content).to_string())
            .find(|l| l.starts_with("claim: "))
            .expect("the contract logs each claim's cost");
        claims.0.push(line["claim: ".len()..].split(' ').next().and_then(|n| n.parse().ok()).expect("a count"));
    }
    claims.print(&format!("claim (both messages), campaign of {CLAIMS} rows"));
}
