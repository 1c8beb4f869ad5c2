//! Probe canister for the devnet spec tests: each method exercises one IC execution property and
//! reports what it observed, so tests can assert on behaviour.
mod memory;

use candid::{CandidType, Deserialize, Principal};
use ic_cdk::call::{Call, CallFailed};
use ic_stable_structures::{StableBTreeMap, StableCell};
use std::cell::{Cell, RefCell};
use std::time::Duration;

thread_local! {
    static COUNTER: Cell<u64> = const { Cell::new(0) };
    static TIMER_FIRED: Cell<u64> = const { Cell::new(0) };
    static CLEANUP_RAN: Cell<bool> = const { Cell::new(false) };
    static HOOKS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static KV: RefCell<StableBTreeMap<u64, u64, memory::Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::KV)));
    static SAVED_COUNTER: RefCell<StableCell<u64, memory::Memory>> =
        RefCell::new(StableCell::init(memory::get(memory::UPGRADE_STATE), 0));
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct UpgradeArg {
    pub fail_post_upgrade: bool,
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum CallOutcome {
    Replied(Vec<u8>),
    Rejected { code: u32, message: String },
}

fn outcome(result: Result<ic_cdk::call::Response, CallFailed>) -> CallOutcome {
    match result {
        Ok(response) => CallOutcome::Replied(response.into_bytes()),
        Err(CallFailed::CallRejected(r)) => CallOutcome::Rejected { code: r.raw_reject_code(), message: r.reject_message().to_string() },
        Err(other) => CallOutcome::Rejected { code: 0, message: other.to_string() },
    }
}

fn hook(name: &str) {
    HOOKS.with(|h| h.borrow_mut().push(name.to_string()));
}

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct InitArg {
    pub trap: bool,
}

#[ic_cdk::init]
fn init(arg: Option<InitArg>) {
    hook("init");
    if arg.is_some_and(|a| a.trap) {
        ic_cdk::trap("init asked to fail");
    }
}

#[ic_cdk::pre_upgrade]
fn pre_upgrade() {
    let value = COUNTER.with(|c| c.get());
    SAVED_COUNTER.with(|s| s.borrow_mut().set(value));
}

#[ic_cdk::post_upgrade]
fn post_upgrade(arg: Option<UpgradeArg>) {
    COUNTER.with(|c| c.set(SAVED_COUNTER.with(|s| *s.borrow().get())));
    hook("post_upgrade");
    if arg.is_some_and(|a| a.fail_post_upgrade) {
        ic_cdk::trap("post_upgrade asked to fail");
    }
}

/// Ingress filter: every method but `refused_by_inspect` is accepted.
#[ic_cdk::inspect_message]
fn inspect_message() {
    if ic_cdk::api::msg_method_name() != "refused_by_inspect" {
        ic_cdk::api::accept_message();
    }
}

#[ic_cdk::update]
fn refused_by_inspect() -> u64 {
    inc()
}

thread_local! {
    static LOG: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

#[ic_cdk::update]
fn append(value: u64) {
    LOG.with(|l| l.borrow_mut().push(value));
}

#[ic_cdk::query]
fn log() -> Vec<u64> {
    LOG.with(|l| l.borrow().clone())
}

/// Sends `append(1..=n)` to `callee` as one-way calls from a single execution.
#[ic_cdk::update]
fn fan_out(callee: Principal, n: u64) {
    for i in 1..=n {
        Call::unbounded_wait(callee, "append").with_arg(i).oneway().expect("call performed");
    }
}

#[ic_cdk::query]
fn hooks() -> Vec<String> {
    HOOKS.with(|h| h.borrow().clone())
}

#[ic_cdk::query]
fn get() -> u64 {
    COUNTER.with(|c| c.get())
}

#[ic_cdk::update]
fn inc() -> u64 {
    COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

#[ic_cdk::update]
fn set(value: u64) {
    COUNTER.with(|c| c.set(value));
}

/// A query that changes state: the change must not persist.
#[ic_cdk::query]
fn query_inc() -> u64 {
    inc()
}

#[ic_cdk::query]
fn stable_get(key: u64) -> Option<u64> {
    KV.with(|kv| kv.borrow().get(&key))
}

#[ic_cdk::update]
fn stable_set(key: u64, value: u64) {
    KV.with(|kv| kv.borrow_mut().insert(key, value));
}

/// Writes heap and stable memory, then traps: neither write may survive.
#[ic_cdk::update]
fn write_then_trap(value: u64) {
    COUNTER.with(|c| c.set(value));
    KV.with(|kv| kv.borrow_mut().insert(value, value));
    ic_cdk::trap("write_then_trap");
}

/// Sets the counter, awaits a call, sets it again, then traps: the first write was committed at the await.
#[ic_cdk::update]
async fn write_await_trap(callee: Principal, before: u64, after: u64) {
    COUNTER.with(|c| c.set(before));
    let _ = Call::unbounded_wait(callee, "inc").await;
    COUNTER.with(|c| c.set(after));
    ic_cdk::trap("trap after await");
}

struct CleanupFlag;
impl Drop for CleanupFlag {
    fn drop(&mut self) {
        CLEANUP_RAN.with(|c| c.set(true));
    }
}

/// Traps in the callback; ic-cdk drops the future in the cleanup callback, which sets the flag.
#[ic_cdk::update]
async fn trap_in_callback(callee: Principal) {
    let _flag = CleanupFlag;
    let _ = Call::unbounded_wait(callee, "inc").await;
    ic_cdk::trap("trap in callback");
}

#[ic_cdk::query]
fn cleanup_ran() -> bool {
    CLEANUP_RAN.with(|c| c.get())
}

/// Calls `callee.accept_cycles(accept)` with `attach` cycles; returns (accepted by callee, refunded).
#[ic_cdk::update]
async fn send_cycles(callee: Principal, attach: u128, accept: u128) -> (u128, u128) {
    let response = Call::unbounded_wait(callee, "accept_cycles")
        .with_arg(accept)
        .with_cycles(attach)
        .await
        .expect("accept_cycles call succeeds");
    let accepted: u128 = response.candid().expect("u128 reply");
    (accepted, ic_cdk::api::msg_cycles_refunded())
}

#[ic_cdk::update]
fn accept_cycles(max: u128) -> u128 {
    ic_cdk::api::msg_cycles_accept(max)
}

#[ic_cdk::query]
fn balance() -> u128 {
    ic_cdk::api::canister_cycle_balance()
}

/// Forwards a raw call and reports how it ended (reject code and message on failure).
#[ic_cdk::update]
async fn call_raw(callee: Principal, method: String, arg: Vec<u8>) -> CallOutcome {
    outcome(Call::unbounded_wait(callee, &method).with_raw_args(&arg).await)
}

/// Calls its own `inc` through an inter-canister call.
#[ic_cdk::update]
async fn self_inc() -> u64 {
    Call::unbounded_wait(ic_cdk::api::canister_self(), "inc").await.expect("self call").candid().expect("u64")
}

/// Busy loop for instruction-limit tests; returns the instruction counter at the end.
#[ic_cdk::update]
fn spin(iterations: u64) -> u64 {
    let mut x = 0u64;
    for i in 0..iterations {
        x = std::hint::black_box(x.wrapping_add(i));
    }
    std::hint::black_box(x);
    ic_cdk::api::performance_counter(0)
}

#[ic_cdk::query]
fn spin_query(iterations: u64) -> u64 {
    spin(iterations)
}

#[ic_cdk::update]
fn set_certified_data(data: Vec<u8>) {
    ic_cdk::api::certified_data_set(&data);
}

#[ic_cdk::query]
fn certificate() -> Option<Vec<u8>> {
    ic_cdk::api::data_certificate()
}

#[ic_cdk::update]
fn schedule_timer(seconds: u64) {
    ic_cdk_timers::set_timer(Duration::from_secs(seconds), async {
        TIMER_FIRED.with(|t| t.set(t.get() + 1));
    });
}

#[ic_cdk::query]
fn timer_fired() -> u64 {
    TIMER_FIRED.with(|t| t.get())
}

#[ic_cdk::query]
fn time() -> u64 {
    ic_cdk::api::time()
}

#[ic_cdk::query]
fn caller() -> Principal {
    ic_cdk::api::msg_caller()
}

/// Allocates `bytes` on the heap and keeps it (memory-limit tests).
#[ic_cdk::update]
fn allocate(bytes: u64) -> u64 {
    thread_local! { static HOLD: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) }; }
    HOLD.with(|h| h.borrow_mut().push(vec![1u8; bytes as usize]));
    bytes
}

/// Grows the heap (a large allocation), changes the counter, then traps: all of it is undone.
#[ic_cdk::update]
fn grow_then_trap(bytes: u64, value: u64) {
    let big = vec![7u8; bytes as usize];
    std::hint::black_box(&big);
    COUNTER.with(|c| c.set(value));
    std::mem::forget(big);
    ic_cdk::trap("grow_then_trap");
}

/// A composite query: changes its own counter, then reads `other`'s counter through a query call.
/// Returns (own counter as seen, other's counter); none of it is committed.
#[ic_cdk::query(composite = true)]
async fn composite_read(other: Principal) -> (u64, u64) {
    let own = inc();
    let theirs: u64 = Call::unbounded_wait(other, "get").await.expect("query call").candid().expect("u64");
    (own, theirs)
}

/// Creates a canister through the management canister and installs `wasm` on it (the factory path).
#[ic_cdk::update]
async fn create_and_install(wasm: Vec<u8>, cycles: u128) -> Result<Principal, String> {
    use ic_management_canister_types::{CanisterIdRecord, CanisterInstallMode, CreateCanisterArgs, InstallCodeArgs};
    let created: CanisterIdRecord = Call::unbounded_wait(Principal::management_canister(), "create_canister")
        .with_arg(CreateCanisterArgs { settings: None, sender_canister_version: None })
        .with_cycles(cycles)
        .await
        .map_err(|e| e.to_string())?
        .candid()
        .map_err(|e| e.to_string())?;
    Call::unbounded_wait(Principal::management_canister(), "install_code")
        .with_arg(InstallCodeArgs {
            mode: CanisterInstallMode::Install,
            canister_id: created.canister_id,
            wasm_module: wasm,
            arg: vec![],
            sender_canister_version: None,
        })
        .await
        .map_err(|e| e.to_string())?;
    Ok(created.canister_id)
}

/// The caller as the system authenticated it (update and query).
#[ic_cdk::update]
fn whoami() -> Principal {
    ic_cdk::api::msg_caller()
}

#[ic_cdk::query]
fn whoami_query() -> Principal {
    ic_cdk::api::msg_caller()
}
