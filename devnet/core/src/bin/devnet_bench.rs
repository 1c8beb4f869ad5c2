//! devnet benchmark: time from `Devnet::new()` to ready, update calls per second on the counter
//! canister through the library API, and the instruction count of one fixed call on two fresh runs.
//! Run: `cargo run --release -p devnet --bin devnet-bench` (after devnet/test-canisters/build devnet-counter).
use devnet::{Devnet, Principal};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn counter_wasm() -> Vec<u8> {
    let dir = std::env::var_os("ICTO_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/canisters"));
    let path = dir.join("devnet-counter.wasm");
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; run devnet/test-canisters/build devnet-counter", path.display())
    })
}

fn fixed_call_instructions(wasm: &[u8]) -> u64 {
    let devnet = Devnet::new();
    let user = Principal::anonymous();
    let id = devnet.create_canister(user);
    devnet.install_code(id, wasm.to_vec(), vec![], user).unwrap();
    let _: u64 = devnet.update_candid(id, user, "inc", ()).unwrap();
    devnet.last_instructions()
}

fn main() {
    let wasm = counter_wasm();

    let start = Instant::now();
    let devnet = Devnet::new();
    let _ = devnet.root_key_der();
    let ready = start.elapsed();

    let user = Principal::anonymous();
    let id = devnet.create_canister(user);
    let install_start = Instant::now();
    devnet.install_code(id, wasm.clone(), vec![], user).unwrap();
    let first_install = install_start.elapsed();

    let arg = candid::encode_args(()).unwrap();
    for _ in 0..200 {
        devnet.update_call(id, user, "inc", arg.clone()).unwrap();
    }
    let calls = 5_000u32;
    let t = Instant::now();
    for _ in 0..calls {
        devnet.update_call(id, user, "inc", arg.clone()).unwrap();
    }
    let elapsed = t.elapsed();
    let updates_per_sec = calls as f64 / elapsed.as_secs_f64();

    let q = Instant::now();
    for _ in 0..calls {
        devnet.query_call(id, user, "get", arg.clone()).unwrap();
    }
    let queries_per_sec = calls as f64 / q.elapsed().as_secs_f64();

    let (a, b) = (fixed_call_instructions(&wasm), fixed_call_instructions(&wasm));

    println!("devnet-bench");
    println!("ready_ms {:.2} (goal <= 300)", ms(ready));
    println!("first_install_ms {:.2} (includes compiling the module once)", ms(first_install));
    println!("update_calls_per_sec {:.0} (goal >= 2000; counter inc, {calls} calls)", updates_per_sec);
    println!("query_calls_per_sec {:.0}", queries_per_sec);
    println!("inc_instructions run1 {a} run2 {b} equal {}", a == b);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
