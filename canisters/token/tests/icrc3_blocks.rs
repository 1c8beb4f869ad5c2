//! ICRC-3 on devnet: blocks chain by parent hash, hashes follow the representation-independent
//! scheme, and the tip certificate verifies against the devnet root key.

mod common;

use candid::Nat;
use common::*;
use ic_certification::{Certificate, HashTree, LookupResult};
use icto_shared::token::*;
use sha2::{Digest, Sha256};

fn sha(b: &[u8]) -> [u8; 32] {
    Sha256::digest(b).into()
}

/// An independent implementation of the ICRC-3 value hash (not the canister's code).
fn value_hash(v: &ICRC3Value) -> [u8; 32] {
    match v {
        ICRC3Value::Blob(b) => sha(b),
        ICRC3Value::Text(t) => sha(t.as_bytes()),
        ICRC3Value::Nat(n) => {
            let mut buf = vec![];
            n.encode(&mut buf).unwrap();
            sha(&buf)
        }
        ICRC3Value::Int(i) => {
            let mut buf = vec![];
            i.encode(&mut buf).unwrap();
            sha(&buf)
        }
        ICRC3Value::Array(items) => sha(&items.iter().flat_map(value_hash).collect::<Vec<u8>>()),
        ICRC3Value::Map(entries) => {
            let mut pairs: Vec<Vec<u8>> =
                entries.iter().map(|(k, v)| [sha(k.as_bytes()), value_hash(v)].concat()).collect();
            pairs.sort();
            sha(&pairs.concat())
        }
    }
}

fn field<'a>(block: &'a ICRC3Value, name: &str) -> Option<&'a ICRC3Value> {
    let ICRC3Value::Map(fields) = block else { panic!("a block is a map") };
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn with_activity() -> Ledger {
    let ledger = Ledger::deploy(init_args(vec![(account(1), Nat::from(10_000_000u64))]));
    let user = principal(1);
    ledger.transfer(user, transfer_arg(account(2), 1_000)).unwrap();
    ledger.approve(user, approve_arg(account(3), 50_000)).unwrap();
    ledger.transfer_from(principal(3), transfer_from_arg(account(1), account(4), 5_000)).unwrap();
    ledger.transfer(user, transfer_arg(minter(), 20_000)).unwrap();
    ledger.transfer(minter().owner, transfer_arg(account(5), 7)).unwrap();
    ledger
}

#[test]
fn blocks_chain_and_carry_the_icrc_schema() {
    let ledger = with_activity();
    let blocks = ledger.all_blocks();
    assert_eq!(blocks.len(), 6);
    let ops: Vec<String> = blocks
        .iter()
        .map(|b| match field(field(&b.block, "tx").unwrap(), "op") {
            Some(ICRC3Value::Text(t)) => t.clone(),
            other => panic!("op missing: {other:?}"),
        })
        .collect();
    assert_eq!(ops, ["mint", "xfer", "approve", "xfer", "burn", "mint"]);
    assert!(field(&blocks[0].block, "phash").is_none());
    for pair in blocks.windows(2) {
        let expected = ICRC3Value::Blob(value_hash(&pair[0].block).to_vec());
        assert_eq!(field(&pair[1].block, "phash"), Some(&expected), "block {} links to its parent", pair[1].id);
    }
    // transfer_from records the spender; the default fee appears at the block level.
    let tx = field(&blocks[3].block, "tx").unwrap();
    assert!(field(tx, "spender").is_some());
    assert_eq!(field(&blocks[3].block, "fee"), Some(&ICRC3Value::Nat(Nat::from(FEE))));
    let archives: Vec<ICRC3ArchiveInfo> = ledger.query("icrc3_get_archives", (GetArchivesArgs { from: None },));
    assert!(archives.is_empty());
    let types: Vec<SupportedBlockType> = ledger.query("icrc3_supported_block_types", ());
    let names: Vec<&str> = types.iter().map(|t| t.block_type.as_str()).collect();
    assert_eq!(names, ["1burn", "1mint", "1xfer", "2approve", "2burn", "2xfer"]);
}

#[test]
fn get_blocks_clamps_ranges_to_the_log() {
    let ledger = with_activity();
    let r = ledger.blocks(4, 100);
    assert_eq!(r.log_length, Nat::from(6u8));
    let ids: Vec<Nat> = r.blocks.iter().map(|b| b.id.clone()).collect();
    assert_eq!(ids, [Nat::from(4u8), Nat::from(5u8)]);
    assert!(ledger.blocks(10, 5).blocks.is_empty());
    assert!(r.archived_blocks.is_empty());
}

#[test]
fn tip_certificate_verifies_against_the_root_key() {
    let ledger = with_activity();
    let blocks = ledger.all_blocks();
    let last = blocks.last().unwrap();
    let cert: Option<ICRC3DataCertificate> = ledger.query("icrc3_get_tip_certificate", ());
    let cert = cert.expect("a tip certificate once blocks exist");

    // 1. The certificate is signed by the devnet root key.
    let certificate: Certificate = serde_cbor::from_slice(&cert.certificate).expect("certificate CBOR");
    let root_key_der = ledger.devnet.root_key_der();
    let public_key = &root_key_der[root_key_der.len() - 96..];
    let mut message = b"\x0dic-state-root".to_vec();
    message.extend_from_slice(&certificate.tree.digest());
    ic_verify_bls_signature::verify_bls_signature(&certificate.signature, &message, public_key)
        .expect("the certificate signature verifies");

    // 2. It certifies the ledger's certified data, which is the root of the returned hash tree.
    let path: [&[u8]; 3] = [b"canister", ledger.id.as_slice(), b"certified_data"];
    let LookupResult::Found(certified) = certificate.tree.lookup_path(path) else {
        panic!("certified_data is in the certificate")
    };
    let tree: HashTree = serde_cbor::from_slice(&cert.hash_tree).expect("hash tree CBOR");
    assert_eq!(certified, tree.digest().as_slice());

    // 3. The tree names the last block's index and hash.
    let LookupResult::Found(hash) = tree.lookup_path([b"last_block_hash"]) else { panic!("last_block_hash") };
    assert_eq!(hash, value_hash(&last.block).as_slice());
    let LookupResult::Found(index) = tree.lookup_path([b"last_block_index"]) else { panic!("last_block_index") };
    let mut expected_index = vec![];
    last.id.encode(&mut expected_index).unwrap();
    assert_eq!(index, expected_index.as_slice());
}

#[test]
fn no_tip_certificate_while_the_log_is_empty() {
    let ledger = Ledger::deploy(init_args(vec![]));
    let cert: Option<ICRC3DataCertificate> = ledger.query("icrc3_get_tip_certificate", ());
    assert!(cert.is_none());
}

/// The ledger serves up to 1,000 blocks per call (this query grows the Wasm heap; devnet once lost such
/// replies).
#[test]
fn large_block_pages_are_served() {
    let initial: Vec<(Account, Nat)> = (0..1_000u64).map(|i| (account(10 + i), Nat::from(1_000u64))).collect();
    let ledger = Ledger::deploy(init_args(initial));
    assert_eq!(ledger.blocks(0, 1_000).blocks.len(), 1_000);
    assert_eq!(ledger.blocks(0, 5_000).blocks.len(), 1_000, "at most 1,000 per call");
}
