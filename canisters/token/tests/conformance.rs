//! DFINITY's ICRC-1/ICRC-2 conformance suite (crate icrc1-test-suite) against the ledger on devnet.

mod common;

use anyhow::anyhow;
use async_trait::async_trait;
use candid::utils::{ArgumentDecoder, ArgumentEncoder};
use candid::{Nat, Principal};
use common::*;
use devnet::Devnet;
use icrc1_test_env::LedgerEnv;
use icrc1_test_suite::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// One caller on the shared ledger; `fork` gives a fresh principal on the same ledger.
#[derive(Clone)]
struct DevnetLedgerEnv {
    devnet: Arc<Devnet>,
    ledger: Principal,
    caller: Principal,
    next_principal: Arc<AtomicU64>,
}

#[async_trait(?Send)]
impl LedgerEnv for DevnetLedgerEnv {
    fn fork(&self) -> Self {
        let n = self.next_principal.fetch_add(1, Ordering::SeqCst);
        DevnetLedgerEnv { caller: principal(n), ..self.clone() }
    }

    fn principal(&self) -> Principal {
        self.caller
    }

    async fn time(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_nanos(self.devnet.time_nanos())
    }

    async fn query<Input, Output>(&self, method: &str, input: Input) -> anyhow::Result<Output>
    where
        Input: ArgumentEncoder + std::fmt::Debug,
        Output: for<'a> ArgumentDecoder<'a>,
    {
        let arg = candid::encode_args(input)?;
        let reply = self.devnet.query_call(self.ledger, self.caller, method, arg).map_err(|e| anyhow!("{method}: {e:?}"))?;
        Ok(candid::decode_args::<Output>(&reply)?)
    }

    async fn update<Input, Output>(&self, method: &str, input: Input) -> anyhow::Result<Output>
    where
        Input: ArgumentEncoder + std::fmt::Debug,
        Output: for<'a> ArgumentDecoder<'a>,
    {
        let arg = candid::encode_args(input)?;
        let reply = self.devnet.update_call(self.ledger, self.caller, method, arg).map_err(|e| anyhow!("{method}: {e:?}"))?;
        Ok(candid::decode_args::<Output>(&reply)?)
    }
}

fn env() -> DevnetLedgerEnv {
    let root = principal(1);
    let ledger = Ledger::deploy(init_args(vec![(account(1), Nat::from(1_000_000_000_000u64))]));
    DevnetLedgerEnv { devnet: ledger.devnet.clone(), ledger: ledger.id, caller: root, next_principal: Arc::new(AtomicU64::new(100)) }
}

#[test]
fn every_conformance_test_passes_without_skips() {
    let e = env();
    let results: Vec<(&str, TestResult)> = futures::executor::block_on(async {
        vec![
            ("icrc1:transfer", icrc1_test_transfer(e.clone()).await),
            ("icrc1:burn", icrc1_test_burn(e.clone()).await),
            ("icrc1:metadata", icrc1_test_metadata(e.clone()).await),
            ("icrc1:supported_standards", icrc1_test_supported_standards(e.clone()).await),
            ("icrc1:tx_deduplication", icrc1_test_tx_deduplication(e.clone()).await),
            ("icrc1:memo_bytes_length", icrc1_test_memo_bytes_length(e.clone()).await),
            ("icrc1:future_transfers", icrc1_test_future_transfer(e.clone()).await),
            ("icrc1:bad_fee", icrc1_test_bad_fee(e.clone()).await),
            ("icrc2:supported_standards", icrc2_test_supported_standards(e.clone()).await),
            ("icrc2:approve", icrc2_test_approve(e.clone()).await),
            ("icrc2:approve_expiration", icrc2_test_approve_expiration(e.clone()).await),
            ("icrc2:approve_expected_allowance", icrc2_test_approve_expected_allowance(e.clone()).await),
            ("icrc2:transfer_from", icrc2_test_transfer_from(e.clone()).await),
            ("icrc2:transfer_from_insufficient_funds", icrc2_test_transfer_from_insufficient_funds(e.clone()).await),
            ("icrc2:transfer_from_insufficient_allowance", icrc2_test_transfer_from_insufficient_allowance(e.clone()).await),
            ("icrc2:transfer_from_self", icrc2_test_transfer_from_self(e.clone()).await),
        ]
    });
    let mut failures = Vec::new();
    for (name, result) in results {
        match result {
            Ok(Outcome::Passed) => println!("ok - {name}"),
            Ok(Outcome::Skipped { reason }) => failures.push(format!("{name} skipped: {reason}")),
            Err(e) => failures.push(format!("{name} failed: {e:?}")),
        }
    }
    assert!(failures.is_empty(), "conformance failures:\n{}", failures.join("\n"));
}

/// The suite's own runner (TAP output) over the tests it selects from the advertised standards.
#[test]
fn suite_runner_selects_icrc1_and_icrc2_and_passes() {
    let e = env();
    futures::executor::block_on(async {
        let tests = test_suite(e).await;
        assert_eq!(tests.len(), 16, "ICRC-1 and ICRC-2 tests are selected");
        assert!(execute_tests(tests).await, "see the TAP output above");
    });
}
