//! devnet benchmark: time from `Devnet::new()` to ready, update calls per second on the counter
//! canister through the library API, and the instruction count of one fixed call on two fresh runs.
//! Run: `cargo run --release -p devnet --bin devnet-bench` (after scripts/build-canisters devnet-counter).
use devnet::{Devnet, Principal};
use std::time::{Duration, Instant};

#[path = "../../../test-canisters/built.rs"]
mod built;

fn counter_wasm() -> Vec<u8> {
    built::wasm("devnet-counter")
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
    // The process-wide wasmtime engine is made on first use; count it as part of being ready.
    devnet::warm_up_engine();
    let ready_with_engine = start.elapsed();

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

    let heap_before = heap_size(&devnet, id);
    let q = Instant::now();
    for _ in 0..calls {
        devnet.query_call(id, user, "get", arg.clone()).unwrap();
    }
    let queries_per_sec = calls as f64 / q.elapsed().as_secs_f64();
    let heap_after = heap_size(&devnet, id);

    let (a, b) = (fixed_call_instructions(&wasm), fixed_call_instructions(&wasm));

    println!("devnet-bench");
    println!("ready_ms {:.2} (goal <= 300); with the wasmtime engine {:.2}", ms(ready), ms(ready_with_engine));
    println!("first_install_ms {:.2} (includes compiling the module once)", ms(first_install));
    println!("update_calls_per_sec {:.0} (goal >= 2000; counter inc, {calls} calls)", updates_per_sec);
    println!("query_calls_per_sec {:.0}", queries_per_sec);
    println!("heap_bytes before_queries {heap_before} after {heap_after}; rollback rebuilds {}", devnet::rollback_rebuild_count());
    println!("inc_instructions run1 {a} run2 {b} equal {}", a == b);
}

fn heap_size(devnet: &Devnet, id: Principal) -> u64 {
    devnet.wasm_memory_size(id)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
