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
    /// Which code generation runs after the upgrade (reported by the static callbacks).
    pub generation: Option<u64>,
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
    if let Some(generation) = arg.as_ref().and_then(|a| a.generation) {
        GENERATION.with(|g| g.set(generation));
    }
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

// ---- calls whose callbacks keep no heap state (they survive an upgrade of the caller)

thread_local! {
    static GENERATION: Cell<u64> = const { Cell::new(1) };
    static PENDING_PAYMENTS: Cell<u64> = const { Cell::new(0) };
    static REFUNDS: Cell<u64> = const { Cell::new(0) };
    static CALLBACKS_RUN: Cell<u64> = const { Cell::new(0) };
}

/// How many static callbacks ran in this code's heap.
#[ic_cdk::query]
fn callbacks_run() -> u64 {
    CALLBACKS_RUN.with(|c| c.get())
}

fn reply_text(text: String) {
    ic_cdk::api::msg_reply(candid::encode_one(text).expect("text encodes"));
}

/// Reply callback: a plain table function, so after an upgrade it runs the new code.
unsafe extern "C" fn static_reply(_env: usize) {
    CALLBACKS_RUN.with(|c| c.set(c.get() + 1));
    PENDING_PAYMENTS.with(|p| p.set(p.get().saturating_sub(1)));
    reply_text(format!("reply in generation {}", GENERATION.with(|g| g.get())));
}

unsafe extern "C" fn static_reject(_env: usize) {
    CALLBACKS_RUN.with(|c| c.set(c.get() + 1));
    PENDING_PAYMENTS.with(|p| p.set(p.get().saturating_sub(1)));
    reply_text(format!("reject {} in generation {}", ic0::msg_reject_code(), GENERATION.with(|g| g.get())));
}

/// Calls `callee.method()` through raw ic0 with static callbacks; replies from the callback.
/// Returns 0 if the call was performed, else call_perform's error code (the call was not made).
fn perform_static_call(callee: Principal, method: &str) -> u32 {
    // SAFETY: the callbacks take no environment and are valid entry points of this module.
    unsafe { ic0::call_new(callee.as_slice(), method, static_reply, 0, static_reject, 0) };
    ic0::call_data_append(&candid::encode_args(()).expect("() encodes"));
    ic0::call_perform()
}

#[ic_cdk::update(manual_reply = true)]
fn call_with_static_callback(callee: Principal, method: String) {
    let code = perform_static_call(callee, &method);
    if code != 0 {
        reply_text(format!("call_perform returned {code}"));
    }
}

/// Takes a payment, then calls `callee.inc`; if the call cannot be made (call_perform fails, e.g.
/// because the canister cannot reserve cycles for the response) the payment is refunded.
#[ic_cdk::update(manual_reply = true)]
fn pay_and_call(callee: Principal) {
    PENDING_PAYMENTS.with(|p| p.set(p.get() + 1));
    let code = perform_static_call(callee, "inc");
    if code != 0 {
        PENDING_PAYMENTS.with(|p| p.set(p.get() - 1));
        REFUNDS.with(|r| r.set(r.get() + 1));
        reply_text(format!("refunded: call_perform returned {code}"));
    }
}

/// (payments still pending, refunds made)
#[ic_cdk::query]
fn payments() -> (u64, u64) {
    (PENDING_PAYMENTS.with(|p| p.get()), REFUNDS.with(|r| r.get()))
}

#[ic_cdk::query]
fn liquid_balance() -> u128 {
    ic_cdk::api::canister_liquid_cycle_balance()
}

// ---- bounded-wait calls

/// `ic0.msg_deadline` of this call (0 unless it came as a bounded-wait call).
#[ic_cdk::update]
fn deadline() -> u64 {
    ic0::msg_deadline()
}

/// Calls `callee.method(arg)` as a bounded-wait call with `timeout_seconds`.
#[ic_cdk::update]
async fn call_bounded(callee: Principal, method: String, arg: Vec<u8>, timeout_seconds: u32) -> CallOutcome {
    outcome(Call::bounded_wait(callee, &method).change_timeout(timeout_seconds).with_raw_args(&arg).await)
}

// ---- interleaving: a check and an effect separated by an await

thread_local! {
    static BALANCE: Cell<i64> = const { Cell::new(100) };
    static ARRIVALS: Cell<u64> = const { Cell::new(0) };
}

#[ic_cdk::update]
fn set_balance(value: i64) {
    BALANCE.with(|b| b.set(value));
}

#[ic_cdk::query]
fn balance_left() -> i64 {
    BALANCE.with(|b| b.get())
}

/// Checks the balance, awaits `barrier.arrive(parties)`, then debits `amount`. The check and the
/// debit run in different messages: concurrent calls both pass the check (the reentrancy bug a
/// guard must prevent). Returns the balance the check saw.
#[ic_cdk::update]
async fn withdraw_after_await(barrier: Principal, parties: u64, amount: i64) -> Result<i64, String> {
    let seen = BALANCE.with(|b| b.get());
    if seen < amount {
        return Err(format!("insufficient balance {seen}"));
    }
    let arrived: Result<(), String> = Call::unbounded_wait(barrier, "arrive")
        .with_arg(parties)
        .await
        .map_err(|e| e.to_string())?
        .candid()
        .map_err(|e| e.to_string())?;
    arrived?;
    BALANCE.with(|b| b.set(b.get() - amount));
    Ok(seen)
}

/// Replies once `parties` calls have arrived; waits in self-call rounds (at most 20 s or 20 000 rounds).
#[ic_cdk::update]
async fn arrive(parties: u64) -> Result<(), String> {
    ARRIVALS.with(|a| a.set(a.get() + 1));
    let start = ic_cdk::api::time();
    let mut rounds = 0u32;
    while ARRIVALS.with(|a| a.get()) < parties {
        rounds += 1;
        if rounds > 20_000 || ic_cdk::api::time().saturating_sub(start) > 20_000_000_000 {
            return Err(format!("barrier: only {} of {parties} parties arrived", ARRIVALS.with(|a| a.get())));
        }
        Call::unbounded_wait(ic_cdk::api::canister_self(), "noop").await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[ic_cdk::update]
fn noop() {}

// ---- lifecycle observations

#[ic_cdk::query]
fn version() -> u64 {
    ic_cdk::api::canister_version()
}

/// `raw_rand` through the management canister.
#[ic_cdk::update]
async fn random_bytes() -> Vec<u8> {
    Call::unbounded_wait(Principal::management_canister(), "raw_rand")
        .await
        .expect("raw_rand replies")
        .candid()
        .expect("raw_rand replies with a blob")
}

/// The canister's own status (allowed for the canister itself, not only its controllers).
#[ic_cdk::update]
async fn own_cycles() -> Result<u128, String> {
    use ic_management_canister_types::CanisterIdRecord;
    let status: ic_management_canister_types::CanisterStatusResult = Call::unbounded_wait(Principal::management_canister(), "canister_status")
        .with_arg(CanisterIdRecord { canister_id: ic_cdk::api::canister_self() })
        .await
        .map_err(|e| e.to_string())?
        .candid()
        .map_err(|e| e.to_string())?;
    Ok(status.cycles.0.try_into().map_err(|_| "too many cycles".to_string())?)
}

/// `canister_info` of `canister` with its `changes` most recent changes.
#[ic_cdk::update]
async fn info(canister: Principal, changes: u64) -> Result<ic_management_canister_types::CanisterInfoResult, String> {
    use ic_management_canister_types::CanisterInfoArgs;
    Call::unbounded_wait(Principal::management_canister(), "canister_info")
        .with_arg(CanisterInfoArgs { canister_id: canister, num_requested_changes: Some(changes) })
        .await
        .map_err(|e| e.to_string())?
        .candid()
        .map_err(|e| e.to_string())
}

/// The number of chunks in the canister's own chunk store (allowed for the canister itself).
#[ic_cdk::update]
async fn own_stored_chunks() -> Result<u64, String> {
    use ic_management_canister_types::{CanisterIdRecord, ChunkHash};
    let chunks: Vec<ChunkHash> = Call::unbounded_wait(Principal::management_canister(), "stored_chunks")
        .with_arg(CanisterIdRecord { canister_id: ic_cdk::api::canister_self() })
        .await
        .map_err(|e| e.to_string())?
        .candid()
        .map_err(|e| e.to_string())?;
    Ok(chunks.len() as u64)
}

// ---- message size limits

/// Replies with `n` zero bytes (as a Candid blob).
#[ic_cdk::update]
fn blob(n: u64) -> serde_bytes::ByteBuf {
    serde_bytes::ByteBuf::from(vec![0u8; n as usize])
}

#[ic_cdk::query]
fn blob_query(n: u64) -> serde_bytes::ByteBuf {
    blob(n)
}

#[ic_cdk::update]
fn blob_len(data: serde_bytes::ByteBuf) -> u64 {
    data.len() as u64
}

/// Sends `callee.blob_len` a blob of `size` bytes; returns what the callee measured.
#[ic_cdk::update]
async fn call_with_payload(callee: Principal, size: u64) -> CallOutcome {
    let payload = serde_bytes::ByteBuf::from(vec![7u8; size as usize]);
    outcome(Call::unbounded_wait(callee, "blob_len").with_arg(payload).await)
}

// ---- cycles

/// Burns all the cycles the canister may spend (down to its freezing limit).
#[ic_cdk::update]
fn burn_all() -> u128 {
    ic_cdk::api::cycles_burn(u128::MAX)
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
