//! The deploy binary refuses a wrong target before it touches any network or file: the operator reads
//! what to change, and nothing is created. (Being an integration test also makes `cargo test
//! --workspace` build the binary with the workspace's features, which the e2e stage then runs.)
use std::process::{Command, Output};

fn deploy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icto-deploy"))
        .args(args)
        .env_remove("ICTO_WASM_DIR")
        .output()
        .expect("icto-deploy runs")
}

fn refused_with(args: &[&str], expected: &str) {
    let out = deploy(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} was accepted: {stderr}");
    assert!(stderr.contains(expected), "{args:?}: expected {expected:?} in:\n{stderr}");
    assert!(!stderr.contains("Deployer:"), "{args:?} went on to plan a deploy:\n{stderr}");
}

#[test]
fn a_local_deploy_to_a_host_off_this_machine_is_refused() {
    refused_with(&["--url", "https://icp0.io"], "is not on this machine");
}

#[test]
fn a_mainnet_deploy_without_an_identity_is_refused() {
    refused_with(&["--url", "https://icp0.io", "--network", "ic"], "--network ic needs --identity");
}

#[test]
fn a_local_deploy_without_the_root_key_is_refused() {
    refused_with(&["--url", "http://127.0.0.1:9"], "a local network needs --root-key");
}

#[test]
fn a_url_that_is_not_one_is_refused() {
    refused_with(&["--url", "127.0.0.1 4943"], "is not a URL");
}
