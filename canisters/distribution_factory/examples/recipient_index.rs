//! The factory's recipient index at scale, for `docs/benchmarks.md`: `campaigns_by_recipient` instructions
//! for a recipient of 10 campaigns when the index holds 1k and 100k relationships (goal: 100k / 1k ≤ 1.3,
//! the lookup a seek in the role index, not a scan).
//!
//! On devnet: the factory with the distribution template, 10 campaigns created by the backend, the
//! recipient reported by each, then other recipients reported (100 per `report_relationships`, sent as
//! the first campaign) until the index holds 1k, then 100k relationships.
//!
//! `scripts/build-canisters distribution_factory distribution && cargo run --example recipient_index`

use candid::{Encode, Nat, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::distribution::*;
use icto_shared::distribution_factory::*;
use icto_shared::pagination::PageRequest;
use icto_shared::role::Role;
use icto_shared::vesting::*;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use test_kit::users::principal;
use test_kit::wasm::built as wasm;
use test_kit::{Canister, Devnet};

const CAMPAIGNS: usize = 10;
const SIZES: [u64; 2] = [1_000, 100_000];

/// A user principal shaped like a self-authenticating one (28 hash bytes and the 0x02 tag).
fn user(n: u64) -> Principal {
    let mut bytes = Sha256::digest(n.to_be_bytes())[..28].to_vec();
    bytes.push(0x02);
    Principal::from_slice(&bytes)
}

fn config(n: usize) -> CampaignConfig {
    CampaignConfig {
        token_ledger: principal(1),
        title: format!("Campaign {n}"),
        categories: vec![Category {
            name: "Airdrop".into(),
            schedule: VestingSchedule { start_nanos: 1_700_000_000 * NANOS_PER_SECOND, initial_unlock_bps: 0, shape: VestingShape::Instant },
        }],
        recipients: vec![RecipientEntry { owner: principal(2), subaccount: None, category: 0, amount: Nat::from(1u8) }],
        allow_pause: false,
        allow_cancel: false,
        registration: None,
    }
}

fn main() {
    let (admin, backend, creator) = (principal(10), principal(11), principal(12));
    let devnet = Arc::new(Devnet::new());
    let init = DistributionFactoryInitArgs { admins: vec![admin], backend: Some(backend), cycles_per_campaign: None };
    let f = Canister::install(&devnet, admin, wasm("distribution_factory"), candid::encode_one(init).unwrap());
    let module = wasm("distribution");
    let begin = TemplateUploadBegin { sha256: Sha256::digest(&module).to_vec(), total_size: module.len() as u64, label: "bench".into(), semver: None, release_notes: None };
    let r: Result<(), DistributionFactoryError> = f.update(admin, "template_upload_begin", (begin,));
    r.unwrap();
    let r: Result<u64, DistributionFactoryError> = f.update(admin, "template_upload_chunk", (serde_bytes::ByteBuf::from(module),));
    r.unwrap();
    let r: Result<TemplateInfo, DistributionFactoryError> = f.update(admin, "template_upload_commit", ());
    r.unwrap();

    let campaigns: Vec<Principal> = (0..CAMPAIGNS)
        .map(|n| {
            let r: Result<CampaignRecord, DistributionFactoryError> =
                f.update(backend, "create_campaign", (CreateCampaignArgs { creator, config: config(n) },));
            r.unwrap().canister_id
        })
        .collect();
    let report = |campaign: Principal, users: Vec<Principal>| {
        let changes: Vec<RoleChange> = users.into_iter().map(|user| RoleChange { user, role: Role::Recipient, action: RelationshipAction::Add }).collect();
        let bytes = devnet.update_call(f.id, campaign, "report_relationships", Encode!(&changes).unwrap()).expect("report");
        let result: Result<(), DistributionFactoryError> = candid::decode_one(&bytes).unwrap();
        result.unwrap();
        devnet.last_instructions()
    };
    let target = user(u64::MAX);
    for c in &campaigns {
        report(*c, vec![target]);
    }
    let mut indexed = CAMPAIGNS as u64;
    let mut next = 0u64;
    let mut write_instructions = 0u64;
    let mut write_calls = 0u64;
    let mut results = vec![];
    for size in SIZES {
        while indexed < size {
            let n = (size - indexed).min(100);
            let users: Vec<Principal> = (next..next + n).map(user).collect();
            next += n;
            let ins = report(campaigns[0], users);
            if n == 100 {
                write_instructions += ins;
                write_calls += 1;
            }
            indexed += n;
        }
        let mut samples = vec![];
        for _ in 0..3 {
            let bytes = devnet
                .query_call(f.id, Principal::anonymous(), "campaigns_by_recipient", Encode!(&target, &PageRequest::new(0, 100)).unwrap())
                .expect("query");
            let page: CampaignPage = candid::decode_one(&bytes).unwrap();
            assert_eq!(page.total, CAMPAIGNS as u64);
            samples.push(devnet.last_instructions());
        }
        let ins = *samples.iter().min().unwrap();
        println!("campaigns_by_recipient (recipient of {CAMPAIGNS} campaigns), {indexed} relationships indexed: {ins} instructions");
        results.push(ins);
    }
    println!("ratio 100k / 1k: {:.3} (goal ≤ 1.3)", results[1] as f64 / results[0] as f64);
    if write_calls > 0 {
        println!("report_relationships, 100 new recipients per call: {} instructions per relationship", write_instructions / write_calls / 100);
    }
}
