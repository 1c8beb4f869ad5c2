//! @dfinity/agent (Node) against devnet: runs e2e/agent-js/counter.mjs and requires its PASS.

mod common;

use common::{agent, deploy_counter, start_devnet};
use ic_agent::identity::BasicIdentity;
use std::path::PathBuf;
use std::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn agent_js_calls_a_canister_with_verification_on() {
    let devnet = start_devnet().await;
    let url = devnet.server.url();
    let counter = deploy_counter(&agent(&url, BasicIdentity::from_raw_key(&[41; 32])).await).await;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("e2e/agent-js/counter.mjs");
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node").arg(script).arg(&url).arg(counter.to_text()).current_dir(root).output()
    })
    .await
    .unwrap()
    .expect("running node (install Node.js and run `npm ci` at the workspace root)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "agent-js e2e failed:\n{stdout}");
    assert!(stdout.contains("agent-js e2e: PASS"), "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
    devnet.stop().await.unwrap();
}
