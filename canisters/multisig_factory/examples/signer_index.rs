//! The factory's signer index at scale, for `docs/benchmarks.md`: `wallets_by_signer` instructions for a
//! signer of 10 wallets when the index holds 1k and 100k relationships (goal: 100k / 1k ≤ 1.3, the lookup
//! a seek in the role index, not a scan).
//!
//! On devnet: the factory with the multisig template, 10 wallets created by the backend, the signer
//! reported by each, then other signers reported (100 per `report_relationships`, sent as the first
//! wallet) until the index holds 1k, then 100k relationships.
//!
//! `scripts/build-canisters multisig_factory multisig && cargo run --example signer_index`

use candid::{Encode, Principal};
use icto_shared::backend::{RelationshipAction, RoleChange};
use icto_shared::multisig_factory::*;
use icto_shared::pagination::PageRequest;
use icto_shared::role::Role;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use test_kit::users::principal;
use test_kit::wasm::built as wasm;
use test_kit::{Canister, Devnet};

const WALLETS: usize = 10;
const SIZES: [u64; 2] = [1_000, 100_000];

/// A user principal shaped like a self-authenticating one (28 hash bytes and the 0x02 tag).
fn user(n: u64) -> Principal {
    let mut bytes = Sha256::digest(n.to_be_bytes())[..28].to_vec();
    bytes.push(0x02);
    Principal::from_slice(&bytes)
}

fn main() {
    let (admin, backend, creator) = (principal(10), principal(11), principal(12));
    let devnet = Arc::new(Devnet::new());
    let init = MultisigFactoryInitArgs { admins: vec![admin], backend: Some(backend), cycles_per_wallet: None };
    let f = Canister::install(&devnet, admin, wasm("multisig_factory"), candid::encode_one(init).unwrap());
    let module = wasm("multisig");
    let begin = TemplateUploadBegin { sha256: Sha256::digest(&module).to_vec(), total_size: module.len() as u64, label: "bench".into(), semver: None, release_notes: None };
    let r: Result<(), MultisigFactoryError> = f.update(admin, "template_upload_begin", (begin,));
    r.unwrap();
    let r: Result<u64, MultisigFactoryError> = f.update(admin, "template_upload_chunk", (serde_bytes::ByteBuf::from(module),));
    r.unwrap();
    let r: Result<TemplateInfo, MultisigFactoryError> = f.update(admin, "template_upload_commit", ());
    r.unwrap();

    let wallets: Vec<Principal> = (0..WALLETS)
        .map(|n| {
            let config = test_kit::wallets::config(&format!("Wallet {n}"), &[principal(2)], &[], 1, &[principal(1)]);
            let r: Result<WalletRecord, MultisigFactoryError> = f.update(backend, "create_wallet", (CreateWalletArgs { creator, config },));
            r.unwrap().canister_id
        })
        .collect();
    let report = |wallet: Principal, users: Vec<Principal>| {
        let changes: Vec<RoleChange> = users.into_iter().map(|user| RoleChange { user, role: Role::Signer, action: RelationshipAction::Add }).collect();
        let bytes = devnet.update_call(f.id, wallet, "report_relationships", Encode!(&changes).unwrap()).expect("report");
        let result: Result<(), MultisigFactoryError> = candid::decode_one(&bytes).unwrap();
        result.unwrap();
        devnet.last_instructions()
    };
    let target = user(u64::MAX);
    for w in &wallets {
        report(*w, vec![target]);
    }
    let mut indexed = WALLETS as u64;
    let mut next = 0u64;
    let (mut write_instructions, mut write_calls) = (0u64, 0u64);
    let mut results = vec![];
    for size in SIZES {
        while indexed < size {
            let n = (size - indexed).min(100);
            let users: Vec<Principal> = (next..next + n).map(user).collect();
            next += n;
            let ins = report(wallets[0], users);
            if n == 100 {
                write_instructions += ins;
                write_calls += 1;
            }
            indexed += n;
        }
        let mut samples = vec![];
        for _ in 0..3 {
            let bytes = devnet
                .query_call(f.id, Principal::anonymous(), "wallets_by_signer", Encode!(&target, &PageRequest::new(0, 100)).unwrap())
                .expect("query");
            let page: WalletPage = candid::decode_one(&bytes).unwrap();
            assert_eq!(page.total, WALLETS as u64);
            samples.push(devnet.last_instructions());
        }
        let ins = *samples.iter().min().unwrap();
        println!("wallets_by_signer (signer of {WALLETS} wallets), {indexed} relationships indexed: {ins} instructions");
        results.push(ins);
    }
    println!("ratio 100k / 1k: {:.3} (goal ≤ 1.3)", results[1] as f64 / results[0] as f64);
    if write_calls > 0 {
        println!("report_relationships, 100 new signers per call: {} instructions per relationship", write_instructions / write_calls / 100);
    }
}
