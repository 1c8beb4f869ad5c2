//! devnet server figures: start -> ready (in-process and as the `devnet` binary), and update
//! calls per second through ic-agent over HTTP on the counter canister, end to end and as the
//! server's own CPU time per call (the `devnet` binary in its own process: ic-agent's check of
//! each reply's BLS certificate costs the client more than the server spends on the call).
//! Run: `cargo bench -p devnet-server` (needs target/canisters/devnet-counter.wasm).

use candid::Encode;
use devnet_server::cli::client;
use devnet_server::launch::{launch, LaunchConfig};
use ic_agent::identity::BasicIdentity;
use ic_agent::Agent;
use ic_management_canister_types::CanisterInstallMode;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CALLS: usize = 3000;
const IN_FLIGHT: usize = 64;
/// The goal: devnet serves at least this many update calls per second on this machine.
const GOAL_CALLS_PER_SECOND: f64 = 500.0;

#[path = "../../test-canisters/built.rs"]
mod built;

fn counter_wasm() -> Vec<u8> {
    built::wasm("devnet-counter")
}

async fn wait_ready(url: &str) -> Duration {
    let started = Instant::now();
    loop {
        if let Ok(r) = reqwest::get(format!("{url}/api/v2/status")).await {
            if r.status().is_success() {
                return started.elapsed();
            }
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Spawns the `devnet` binary and measures until its port accepts connections.
fn binary_start_to_ready() -> Duration {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_devnet"))
        .args(["start", "--port", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawning devnet");
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(1));
    }
    let elapsed = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    // 1. In-process start -> ready.
    let started = Instant::now();
    let devnet = launch(LaunchConfig::default()).await.expect("devnet starts");
    let launched_in = started.elapsed();
    let url = devnet.server.url();
    let first_status = wait_ready(&url).await;
    println!("start -> ready (in-process): {:.1} ms (launch {:.1} ms + first status {:.1} ms)",
        (launched_in + first_status).as_secs_f64() * 1e3, launched_in.as_secs_f64() * 1e3, first_status.as_secs_f64() * 1e3);
    let d = binary_start_to_ready();
    println!("start -> ready (devnet binary, spawn to accepting connections): {:.1} ms", d.as_secs_f64() * 1e3);

    // 2. Update calls per second through ic-agent over HTTP.
    let (agent, counter) = counter_on(&url).await;
    let (elapsed, rate) = update_throughput(&agent, counter, CALLS).await;
    println!(
        "update calls via ic-agent over HTTP: {CALLS} calls, {IN_FLIGHT} in flight, {:.2} s -> {:.0} calls/s \
         (client and server on the same cores; the server's share is measured below)",
        elapsed.as_secs_f64(), rate
    );

    // 3. Sequential latency of one update and one query.
    let n = 200;
    let started = Instant::now();
    for _ in 0..n {
        agent.update(&counter, "inc").with_arg(Encode!().unwrap()).call_and_wait().await.unwrap();
    }
    println!("sequential update latency: {:.2} ms", started.elapsed().as_secs_f64() * 1e3 / n as f64);
    let started = Instant::now();
    for _ in 0..n {
        agent.query(&counter, "get").with_arg(Encode!().unwrap()).call().await.unwrap();
    }
    println!("sequential query latency (signature verified): {:.2} ms", started.elapsed().as_secs_f64() * 1e3 / n as f64);
    devnet.stop().await.unwrap();

    // 4. The server's own cost: the `devnet` binary in its own process, its CPU time per update call.
    server_cpu_per_call().await;

    // 5. The same with persistent state: every acknowledged call is on disk (group commit).
    let state = std::env::temp_dir().join(format!("devnet-bench-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let persistent = launch(LaunchConfig { state_dir: Some(state.clone()), ..Default::default() }).await.unwrap();
    let (agent, counter) = counter_on(&persistent.server.url()).await;
    let calls = 1000;
    let (elapsed, rate) = update_throughput(&agent, counter, calls).await;
    println!("update calls with --state (durable before reply): {calls} calls, {:.2} s -> {:.0} calls/s", elapsed.as_secs_f64(), rate);
    persistent.stop().await.unwrap();
    let _ = std::fs::remove_dir_all(&state);
}

/// Runs the update load against a spawned `devnet` binary and reads the CPU time both processes
/// spent (/proc/<pid>/stat): the server's capacity is what this machine's cores give at its cost.
async fn server_cpu_per_call() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = std::env::temp_dir().join(format!("devnet-bench-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root_key = dir.join("root_key.der");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_devnet"))
        .args(["start", "--port", &port.to_string(), "--root-key-out"])
        .arg(&root_key)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawning devnet");
    let url = format!("http://127.0.0.1:{port}");
    wait_ready(&url).await;
    let (agent, counter) = counter_on(&url).await;
    let (server_before, client_before) = (cpu_seconds(child.id()), cpu_seconds(std::process::id()));
    let (elapsed, rate) = update_throughput(&agent, counter, CALLS).await;
    let server = (cpu_seconds(child.id()) - server_before) / CALLS as f64;
    let client = (cpu_seconds(std::process::id()) - client_before) / CALLS as f64;
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64;
    let capacity = cores / server;
    println!(
        "update calls to the devnet binary: {rate:.0} calls/s end to end ({:.2} s); CPU per call: server {:.2} ms, \
         ic-agent client {:.2} ms -> the server alone serves {capacity:.0} calls/s on {cores} cores (goal >= {GOAL_CALLS_PER_SECOND:.0}/s: {})",
        elapsed.as_secs_f64(), server * 1e3, client * 1e3, if capacity >= GOAL_CALLS_PER_SECOND { "met" } else { "NOT met" }
    );
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

/// An agent on `url` (root key fetched) and a freshly installed counter canister.
async fn counter_on(url: &str) -> (Arc<Agent>, candid::Principal) {
    let agent = Agent::builder().with_url(url).with_identity(BasicIdentity::from_raw_key(&[9; 32])).build().unwrap();
    agent.fetch_root_key().await.unwrap();
    let counter = client::create_canister(&agent, None, None).await.unwrap();
    client::install(&agent, counter, counter_wasm(), Encode!().unwrap(), CanisterInstallMode::Install).await.unwrap();
    (Arc::new(agent), counter)
}

/// User + system CPU time of a process so far, in seconds (Linux /proc).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("reading /proc/<pid>/stat");
    // Fields after the command name (which may hold spaces) are space-separated; utime and stime are
    // the 14th and 15th fields, in clock ticks (100 per second on Linux).
    let after_name = &stat[stat.rfind(')').expect("a /proc stat line") + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

async fn update_throughput(agent: &Arc<Agent>, counter: candid::Principal, calls: usize) -> (Duration, f64) {
    for _ in 0..20 {
        agent.update(&counter, "inc").with_arg(Encode!().unwrap()).call_and_wait().await.unwrap();
    }
    let started = Instant::now();
    let semaphore = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let mut tasks = Vec::with_capacity(calls);
    for _ in 0..calls {
        let permit = semaphore.clone().acquire_owned().await.unwrap();
        let agent = agent.clone();
        tasks.push(tokio::spawn(async move {
            let r = agent.update(&counter, "inc").with_arg(Encode!().unwrap()).call_and_wait().await;
            drop(permit);
            r
        }));
    }
    for t in tasks {
        t.await.unwrap().expect("update call");
    }
    let elapsed = started.elapsed();
    (elapsed, calls as f64 / elapsed.as_secs_f64())
}
