//! The registry past one canister, for `docs/scaling.md`.
//!
//! 1. Routing, exactly: 100M relationships of 10M users (1 to 19 each, 10 on average) routed with
//!    `icto_shared::registry_shards::shard_of` to 1, 4, 16 and 64 shards: relationships on the fullest
//!    shard and its excess over the mean.
//! 2. On devnet, one real registry shard (the backend canister) filled through `report_relationships`:
//!    `get_related_canisters` instructions for a user with 10 relationships at 1k, 10k and 100k, the
//!    instructions per relationship written, and the lookup cost at each shard count's fullest shard,
//!    from a fit `a + b·log2(n)` of the measured points (the 1M point is measured by `gateway_bench`).
//!
//! `scripts/build-canisters backend && cargo run -p backend --example registry_scaling`

use candid::{Encode, Nat, Principal};
use icto_shared::backend::*;
use icto_shared::contract::ContractType;
use icto_shared::registry_shards::shard_of;
use icto_shared::role::Role;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use test_kit::users::principal;
use test_kit::wasm::built as wasm;
use test_kit::{Canister, Devnet};

const USERS: u64 = 10_000_000;
const SHARD_COUNTS: [u32; 4] = [1, 4, 16, 64];

/// A user principal shaped like a self-authenticating one (28 hash bytes and the 0x02 tag).
fn user(n: u64) -> Principal {
    let mut bytes = Sha256::digest(n.to_be_bytes())[..28].to_vec();
    bytes.push(0x02);
    Principal::from_slice(&bytes)
}

/// 1 to 19 relationships, 10 on average: most users hold a few, some many.
fn relationships_of(n: u64) -> u64 {
    1 + (n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) % 19
}

fn routing() -> Vec<(u32, u64, u64)> {
    let mut loads: Vec<Vec<u64>> = SHARD_COUNTS.iter().map(|k| vec![0; *k as usize]).collect();
    let mut total = 0;
    for n in 0..USERS {
        let u = user(n);
        let r = relationships_of(n);
        total += r;
        for (i, k) in SHARD_COUNTS.iter().enumerate() {
            loads[i][shard_of(&u, *k) as usize] += r;
        }
    }
    println!("routing: {total} relationships of {USERS} users");
    SHARD_COUNTS
        .iter()
        .zip(loads)
        .map(|(k, load)| {
            let max = *load.iter().max().expect("a shard");
            let mean = total / *k as u64;
            println!("  {k:>2} shards: fullest {max} relationships ({:+.2}% over the mean {mean})", (max as f64 / mean as f64 - 1.0) * 100.0);
            (*k, max, total)
        })
        .collect()
}

fn admin() -> Principal {
    principal(9_901)
}

fn main() {
    let shards = routing();

    let devnet = Arc::new(Devnet::new());
    let init = BackendInitArgs {
        admins: vec![admin()],
        payment: PaymentSettings {
            ledger: principal(9_902),
            ledger_fee: Nat::from(10_000u64),
            decimals: 8,
            cycles_per_token: 10_000_000_000_000,
        },
        rate_limits: None,
        storages: None,
    };
    let backend = Canister::install(&devnet, admin(), wasm("backend"), Encode!(&init).unwrap());
    let reporter = principal(9_950);
    let kind = ContractTypeSettings { fee: Nat::from(100_000_000u64), cycles: 1, enabled: false, factory: Some(reporter) };
    let r: Result<(), BackendError> = backend.update(admin(), "set_contract_type", (ContractType::Distribution, kind));
    r.unwrap();

    let measured = principal(9_960);
    let mut filled = 0u64;
    let mut write_instructions = 0u64;
    let mut points = vec![];
    for size in [1_000u64, 10_000, 100_000] {
        while filled < size {
            let changes: Vec<RelationshipChange> = (0..100u64)
                .map(|i| {
                    let n = filled + i;
                    let who = if n < 10 { measured } else { user(n / 10) };
                    RelationshipChange { user: who, role: Role::Recipient, contract: principal(50_000_000 + n), action: RelationshipAction::Add }
                })
                .collect();
            let r: Result<(), BackendError> = backend.update(reporter, "report_relationships", (changes,));
            r.unwrap();
            write_instructions += devnet.last_instructions();
            filled += 100;
        }
        let related: RelatedCanisters = backend.query("get_related_canisters", (measured,));
        assert_eq!(related.total, 10);
        let instructions = devnet.last_instructions();
        println!("one shard holding {size}: get_related_canisters {instructions} instructions (measured)");
        points.push((size as f64, instructions as f64));
    }
    println!("writing: {} instructions per relationship (report_relationships, 100 per call)", write_instructions / filled);

    // Least squares of instructions against log2(size).
    let n = points.len() as f64;
    let (sx, sy) = points.iter().fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x.log2(), sy + y));
    let (mx, my) = (sx / n, sy / n);
    let b = points.iter().map(|(x, y)| (x.log2() - mx) * (y - my)).sum::<f64>()
        / points.iter().map(|(x, _)| (x.log2() - mx).powi(2)).sum::<f64>();
    let a = my - b * mx;
    let smallest = points[0].1;
    for (k, fullest, total) in shards {
        let cost = a + b * (fullest as f64).log2();
        println!(
            "{total} relationships over {k:>2} shards: one query to the user's shard (fullest {fullest}): {:.0} instructions (fit; ratio {:.2} to 1k)",
            cost,
            cost / smallest
        );
    }
}
