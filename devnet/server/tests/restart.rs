//! Persistence: state acknowledged before a `kill -9` is there after a restart of the binary, and
//! devnet's certified time does not run backwards across the restart.

mod common;

use candid::Decode;
use common::{agent, counter_arg, deploy_counter};
use ic_agent::identity::BasicIdentity;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    url: String,
}

/// Spawns `devnet start --state DIR` and waits for its "ready" line.
fn spawn_devnet(port: u16, state: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_devnet"))
        .args(["start", "--port", &port.to_string(), "--state"])
        .arg(state)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawning devnet");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut url = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("devnet listening on ") {
            url = Some(rest.trim().to_string());
        }
        if line.starts_with("ready in") {
            break;
        }
    }
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, url: url.expect("devnet printed its URL") }
}

/// The devnet's time, read from a certificate (`/time`, LEB128 nanoseconds) as clients read it.
async fn certified_time(agent: &ic_agent::Agent, canister: candid::Principal) -> u64 {
    let certificate = agent.read_state_raw(vec![vec!["time".into()]], canister).await.expect("read_state /time");
    let ic_agent::hash_tree::LookupResult::Found(bytes) = certificate.tree.lookup_path([b"time".as_slice()]) else {
        panic!("the certificate has no /time");
    };
    let mut time = 0u64;
    for (index, byte) in bytes.iter().enumerate() {
        time |= u64::from(byte & 0x7f) << (7 * index);
        if byte & 0x80 == 0 {
            break;
        }
    }
    time
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test(flavor = "multi_thread")]
async fn acknowledged_state_survives_kill_9() {
    let state = std::env::temp_dir().join(format!("devnet-restart-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let port = free_port();

    let mut first = spawn_devnet(port, &state);
    let root_key = std::fs::read(state.join("root_key.der")).expect("root key written to the state dir");
    let identity = || BasicIdentity::from_raw_key(&[31; 32]);
    let agent1 = agent(&first.url, identity()).await;
    let counter = deploy_counter(&agent1).await;
    for _ in 0..5 {
        agent1.update(&counter, "inc").with_arg(counter_arg()).call_and_wait().await.unwrap();
    }
    let time_before = certified_time(&agent1, counter).await;
    first.child.kill().unwrap(); // SIGKILL: no chance to flush on the way out
    first.child.wait().unwrap();

    let mut second = spawn_devnet(port, &state);
    assert_eq!(std::fs::read(state.join("root_key.der")).unwrap(), root_key, "the root key survives");
    let agent2 = agent(&second.url, identity()).await;
    let reply = agent2.query(&counter, "get").with_arg(counter_arg()).call().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 5, "every acknowledged increment survives");
    let reply = agent2.update(&counter, "inc").with_arg(counter_arg()).call_and_wait().await.unwrap();
    assert_eq!(Decode!(&reply, u64).unwrap(), 6);
    let next = devnet_server::cli::client::create_canister(&agent2, None, None).await.unwrap();
    assert_ne!(next, counter, "canister ids are not reused after a restart");
    assert!(agent2.read_state_canister_info(counter, "module_hash").await.is_ok(), "the module survives");
    let time_after = certified_time(&agent2, counter).await;
    assert!(time_after >= time_before, "devnet time after the restart ({time_after}) is before the time before it ({time_before})");

    second.child.kill().unwrap();
    second.child.wait().unwrap();
    std::fs::remove_dir_all(&state).unwrap();
}
