//! The ic0 system API as wasmtime host functions. Each function first checks that the current
//! context may call it (trapping as the spec's table says) and charges its instructions (fixed
//! overhead plus one per byte copied, as the replica does); a violation traps with a message naming
//! the function.
use candid::Principal;
use wasmtime::{Caller, Linker, Result, Val};

use crate::cycles::liquid_balance;
use crate::runtime::api_spec::{self as api, context_name, ApiFn, DIRTY_PAGE_OVERHEAD, INSTRUCTIONS_PER_BYTE};
use crate::runtime::context::{Call, EntryKind, HostState};
use crate::runtime::stable::WASM_PAGE;

type C<'a> = Caller<'a, HostState>;

/// A trap raised by the system API (or `ic0.trap`); carries the message the caller sees.
#[derive(Debug)]
pub struct CanisterTrap(pub String);

impl std::fmt::Display for CanisterTrap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for CanisterTrap {}

/// The execution used up its instructions (in a system call's charge).
#[derive(Debug)]
pub struct OutOfInstructions;

impl std::fmt::Display for OutOfInstructions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("out of instructions")
    }
}
impl std::error::Error for OutOfInstructions {}

fn trap(msg: impl Into<String>) -> wasmtime::Error {
    CanisterTrap(msg.into()).into()
}

pub fn is_known(name: &str) -> bool {
    api::is_known(name)
}

// ---- availability and instruction charges -----------------------------------------------------

/// Checks that `f` may run in this context and charges its instructions (`bytes` copied).
fn enter(c: &mut C, f: &ApiFn, bytes: u64) -> Result<()> {
    let here = c.data().ctx.api_context();
    if f.contexts & here == 0 {
        return Err(trap(format!("\"ic0.{}\" cannot be executed in {} mode", f.name, context_name(here))));
    }
    charge(c, f.overhead.saturating_add(bytes.saturating_mul(INSTRUCTIONS_PER_BYTE)))
}

/// Takes `n` instructions off the counter the instrumented code decrements.
fn charge(c: &mut C, n: u64) -> Result<()> {
    let Some(counter) = c.data().counter else { return Ok(()) };
    let left = counter.get(&mut *c).i64().unwrap_or(0);
    let now = left.saturating_sub(n.min(i64::MAX as u64) as i64);
    counter.set(&mut *c, Val::I64(now))?;
    if now < 0 {
        return Err(OutOfInstructions.into());
    }
    Ok(())
}

fn instructions_used(c: &mut C) -> u64 {
    let limit = c.data().ctx.instruction_limit;
    let Some(counter) = c.data().counter else { return 0 };
    let left = counter.get(&mut *c).i64().unwrap_or(0).max(0) as u64;
    limit.saturating_sub(left)
}

// ---- memory access -------------------------------------------------------------------------

fn read_bytes(c: &mut C, func: &str, src: u64, size: u64) -> Result<Vec<u8>> {
    let mem = c.data().memory.ok_or_else(|| trap(format!("ic0.{func}: module has no memory")))?;
    let data = mem.data(&*c);
    let end = src.saturating_add(size);
    data.get(src as usize..end as usize)
        .map(|b| b.to_vec())
        .ok_or_else(|| trap(format!("ic0.{func}: src={src} + length={size} exceeds the slice size={}", data.len())))
}

fn write_bytes(c: &mut C, func: &str, dst: u64, bytes: &[u8]) -> Result<()> {
    let mem = c.data().memory.ok_or_else(|| trap(format!("ic0.{func}: module has no memory")))?;
    let data = mem.data_mut(&mut *c);
    let len = data.len();
    let end = dst.saturating_add(bytes.len() as u64);
    data.get_mut(dst as usize..end as usize)
        .ok_or_else(|| trap(format!("ic0.{func}: dst={dst} + length={} exceeds the slice size={len}", bytes.len())))?
        .copy_from_slice(bytes);
    Ok(())
}

/// Copies `source[offset..offset+size]` into wasm memory at `dst` without cloning the source.
fn copy_out(c: &mut C, f: &ApiFn, dst: u32, offset: u32, size: u32, source: fn(&HostState) -> &[u8]) -> Result<()> {
    enter(c, f, size as u64)?;
    copy_raw(c, f.name, dst, offset, size, source)
}

fn copy_raw(c: &mut C, func: &str, dst: u32, offset: u32, size: u32, source: fn(&HostState) -> &[u8]) -> Result<()> {
    let mem = c.data().memory.ok_or_else(|| trap(format!("ic0.{func}: module has no memory")))?;
    let (data, state) = mem.data_and_store_mut(&mut *c);
    let src = source(state);
    let (offset, size, dst) = (offset as usize, size as usize, dst as usize);
    let part = src.get(offset..offset.saturating_add(size)).ok_or_else(|| {
        trap(format!("ic0.{func}: offset={offset} + length={size} exceeds the source size={}", src.len()))
    })?;
    let len = data.len();
    data.get_mut(dst..dst.saturating_add(size))
        .ok_or_else(|| trap(format!("ic0.{func}: dst={dst} + length={size} exceeds the slice size={len}")))?
        .copy_from_slice(part);
    Ok(())
}

fn write_u128(c: &mut C, func: &str, dst: u32, value: u128) -> Result<()> {
    write_bytes(c, func, dst as u64, &value.to_le_bytes())
}

fn u128_of(high: u64, low: u64) -> u128 {
    ((high as u128) << 64) | low as u128
}

/// The deprecated 64-bit cycle calls trap when the amount does not fit.
fn fit_u64(func: &str, value: u128) -> Result<u64> {
    u64::try_from(value).map_err(|_| trap(format!("ic0.{func}: the amount {value} does not fit in 64 bits; use the 128-bit variant")))
}

fn src_arg(s: &HostState) -> &[u8] {
    &s.ctx.arg
}
fn src_caller(s: &HostState) -> &[u8] {
    s.ctx.caller.as_slice()
}
fn src_reject_msg(s: &HostState) -> &[u8] {
    s.ctx.reject_message.as_bytes()
}
fn src_self(s: &HostState) -> &[u8] {
    s.ctx.canister_id.as_slice()
}
fn src_method(s: &HostState) -> &[u8] {
    s.ctx.method.as_bytes()
}
fn src_root_key(s: &HostState) -> &[u8] {
    &s.ctx.root_key
}
fn src_subnet(s: &HostState) -> &[u8] {
    s.ctx.subnet_id.as_ref().map(|p| p.as_slice()).unwrap_or(&[])
}
fn src_certificate(s: &HostState) -> &[u8] {
    s.ctx.certificate.as_deref().unwrap_or(&[])
}
fn src_empty(_: &HostState) -> &[u8] {
    &[]
}

fn ensure_certificate(c: &mut C) {
    let ctx = &mut c.data_mut().ctx;
    if ctx.certificate.is_none() {
        if let Some(source) = ctx.certificate_source.take() {
            ctx.certificate = Some(source());
        }
    }
}

fn certificate_present(c: &C) -> bool {
    let ctx = &c.data().ctx;
    matches!(ctx.kind, EntryKind::Query | EntryKind::CompositeQuery) && (ctx.certificate.is_some() || ctx.certificate_source.is_some())
}

fn require_certificate(c: &C, func: &str) -> Result<()> {
    if certificate_present(c) {
        Ok(())
    } else {
        Err(trap(format!("ic0.{func}: no certificate is present (data_certificate_present returns 0)")))
    }
}

/// Whether this execution may still respond; traps like the replica when it may not.
fn check_respond(c: &C, func: &str) -> Result<()> {
    let ctx = &c.data().ctx;
    if !ctx.may_respond || ctx.response.is_some() {
        return Err(trap(format!("ic0.{func}: the call is already replied")));
    }
    Ok(())
}

fn stable_read(c: &mut C, f: &ApiFn, dst: u64, offset: u64, size: u64) -> Result<()> {
    enter(c, f, size)?;
    let func = f.name;
    if !c.data().stable.in_bounds(offset, size) {
        return Err(trap(format!("ic0.{func}: stable memory out of bounds")));
    }
    let mem = c.data().memory.ok_or_else(|| trap(format!("ic0.{func}: module has no memory")))?;
    let (data, state) = mem.data_and_store_mut(&mut *c);
    let len = data.len();
    let target = data
        .get_mut(dst as usize..dst.saturating_add(size) as usize)
        .ok_or_else(|| trap(format!("ic0.{func}: dst={dst} + length={size} exceeds the slice size={len}")))?;
    state.stable.read(offset, target);
    Ok(())
}

fn stable_write(c: &mut C, f: &ApiFn, offset: u64, src: u64, size: u64) -> Result<()> {
    enter(c, f, size)?;
    let func = f.name;
    if !c.data().stable.in_bounds(offset, size) {
        return Err(trap(format!("ic0.{func}: stable memory out of bounds")));
    }
    let mem = c.data().memory.ok_or_else(|| trap(format!("ic0.{func}: module has no memory")))?;
    let (data, state) = mem.data_and_store_mut(&mut *c);
    let len = data.len();
    let source = data
        .get(src as usize..src.saturating_add(size) as usize)
        .ok_or_else(|| trap(format!("ic0.{func}: src={src} + length={size} exceeds the slice size={len}")))?;
    let dirtied = state.stable.write(offset, source);
    charge(c, dirtied * DIRTY_PAGE_OVERHEAD)
}

/// The 32-bit stable memory API traps once the memory exceeds 4 GiB.
fn check_stable32(c: &C, func: &str) -> Result<()> {
    if c.data().stable.size_pages() > u32::MAX as u64 / WASM_PAGE {
        return Err(trap(format!("ic0.{func}: stable memory exceeds 4 GiB; use the 64-bit API")));
    }
    Ok(())
}

fn accept_cycles(c: &mut C, max: u128) -> u128 {
    let ctx = &mut c.data_mut().ctx;
    let amount = max.min(ctx.cycles_available);
    ctx.cycles_available -= amount;
    ctx.balance = ctx.balance.saturating_add(amount);
    amount
}

fn liquid(c: &C) -> u128 {
    let ctx = &c.data().ctx;
    liquid_balance(ctx.balance, ctx.freezing_limit)
}

fn add_call_cycles(c: &mut C, f: &ApiFn, amount: u128) -> Result<()> {
    enter(c, f, 0)?;
    let available = liquid(c);
    let ctx = &mut c.data_mut().ctx;
    let Some(call) = ctx.building.as_mut() else {
        return Err(trap(format!("ic0.{}: no call is under construction", f.name)));
    };
    if amount > available {
        return Err(trap(format!(
            "ic0.{}: canister cannot add {amount} cycles to a call: its liquid balance is {available}",
            f.name
        )));
    }
    ctx.balance -= amount;
    call.cycles += amount;
    Ok(())
}

/// `call_perform`: reserves the call's cost (request, largest response, longest callback) and
/// queues the call; 2 (`SYS_TRANSIENT`) when that would take the canister below its freezing limit.
fn perform_call(c: &mut C) -> Result<u32> {
    enter(c, &api::CALL_PERFORM, 0)?;
    let available = liquid(c);
    let ctx = &mut c.data_mut().ctx;
    let mut call = ctx.building.take().ok_or_else(|| trap("ic0.call_perform: no call is under construction"))?;
    let fees = &ctx.fees;
    let total = fees.call_total(call.method.len() as u64, call.arg.len() as u64, ctx.callback_instruction_limit);
    if total > available {
        // Not performed: the attached cycles go back to the balance; no callback will run.
        ctx.balance += call.cycles;
        ctx.logs.push(format!(
            "call_perform: calling {}.{} needs {total} cycles above the freezing limit, the canister has {available}",
            call.callee, call.method
        ));
        return Ok(2);
    }
    ctx.balance -= total;
    call.reserved_execution = fees.execution(ctx.callback_instruction_limit);
    call.reserved_transmission = fees.response_transmission_reserve();
    ctx.calls.push(call);
    Ok(0)
}

fn debug_line(c: &mut C, src: u32, size: u32) -> String {
    let size = size.min(64 * 1024);
    match read_bytes(c, "debug_print", src as u64, size as u64) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        // The spec: debug_print never traps; out-of-bounds ranges print system-generated text.
        Err(_) => format!("(debug_print: src={src} + size={size} is outside the canister's memory)"),
    }
}

pub fn register(l: &mut Linker<HostState>) -> Result<()> {
    // ---- message data
    l.func_wrap("ic0", "msg_arg_data_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::MSG_ARG_DATA_SIZE, 0)?;
        Ok(c.data().ctx.arg.len() as u32)
    })?;
    l.func_wrap("ic0", "msg_arg_data_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::MSG_ARG_DATA_COPY, dst, off, size, src_arg)
    })?;
    l.func_wrap("ic0", "msg_caller_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::MSG_CALLER_SIZE, 0)?;
        Ok(c.data().ctx.caller.as_slice().len() as u32)
    })?;
    l.func_wrap("ic0", "msg_caller_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::MSG_CALLER_COPY, dst, off, size, src_caller)
    })?;
    l.func_wrap("ic0", "msg_caller_info_data_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::MSG_CALLER_INFO_DATA_SIZE, 0)?;
        Ok(0)
    })?;
    l.func_wrap("ic0", "msg_caller_info_data_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::MSG_CALLER_INFO_DATA_COPY, dst, off, size, src_empty)
    })?;
    l.func_wrap("ic0", "msg_caller_info_signer_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::MSG_CALLER_INFO_SIGNER_SIZE, 0)?;
        Ok(0)
    })?;
    l.func_wrap("ic0", "msg_caller_info_signer_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::MSG_CALLER_INFO_SIGNER_COPY, dst, off, size, src_empty)
    })?;
    l.func_wrap("ic0", "msg_reject_code", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::MSG_REJECT_CODE, 0)?;
        Ok(c.data().ctx.reject_code)
    })?;
    l.func_wrap("ic0", "msg_reject_msg_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::MSG_REJECT_MSG_SIZE, 0)?;
        Ok(c.data().ctx.reject_message.len() as u32)
    })?;
    l.func_wrap("ic0", "msg_reject_msg_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::MSG_REJECT_MSG_COPY, dst, off, size, src_reject_msg)
    })?;
    l.func_wrap("ic0", "msg_deadline", |mut c: C| -> Result<u64> {
        enter(&mut c, &api::MSG_DEADLINE, 0)?;
        Ok(c.data().ctx.deadline)
    })?;
    l.func_wrap("ic0", "msg_method_name_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::MSG_METHOD_NAME_SIZE, 0)?;
        Ok(c.data().ctx.method.len() as u32)
    })?;
    l.func_wrap("ic0", "msg_method_name_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::MSG_METHOD_NAME_COPY, dst, off, size, src_method)
    })?;
    l.func_wrap("ic0", "accept_message", |mut c: C| -> Result<()> {
        enter(&mut c, &api::ACCEPT_MESSAGE, 0)?;
        if c.data().ctx.message_accepted {
            return Err(trap("ic0.accept_message: message already accepted"));
        }
        c.data_mut().ctx.message_accepted = true;
        Ok(())
    })?;

    // ---- replies
    l.func_wrap("ic0", "msg_reply_data_append", |mut c: C, src: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::MSG_REPLY_DATA_APPEND, size as u64)?;
        check_respond(&c, "msg_reply_data_append")?;
        let (have, max) = (c.data().ctx.reply_buffer.len(), c.data().ctx.max_reply_bytes);
        if have + size as usize > max {
            return Err(trap(format!(
                "ic0.msg_reply_data_append: application payload size ({}) cannot be larger than {max}.",
                have + size as usize
            )));
        }
        let bytes = read_bytes(&mut c, "msg_reply_data_append", src as u64, size as u64)?;
        c.data_mut().ctx.reply_buffer.extend_from_slice(&bytes);
        Ok(())
    })?;
    l.func_wrap("ic0", "msg_reply", |mut c: C| -> Result<()> {
        enter(&mut c, &api::MSG_REPLY, 0)?;
        check_respond(&c, "msg_reply")?;
        let ctx = &mut c.data_mut().ctx;
        ctx.response = Some(Ok(std::mem::take(&mut ctx.reply_buffer)));
        Ok(())
    })?;
    l.func_wrap("ic0", "msg_reject", |mut c: C, src: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::MSG_REJECT, size as u64)?;
        check_respond(&c, "msg_reject")?;
        let bytes = read_bytes(&mut c, "msg_reject", src as u64, size as u64)?;
        let message = String::from_utf8(bytes).map_err(|_| trap("ic0.msg_reject: the reject message is not valid UTF-8"))?;
        c.data_mut().ctx.response = Some(Err(message));
        Ok(())
    })?;

    // ---- cycles
    l.func_wrap("ic0", "msg_cycles_available128", |mut c: C, dst: u32| {
        enter(&mut c, &api::MSG_CYCLES_AVAILABLE128, 0)?;
        let v = c.data().ctx.cycles_available;
        write_u128(&mut c, "msg_cycles_available128", dst, v)
    })?;
    l.func_wrap("ic0", "msg_cycles_refunded128", |mut c: C, dst: u32| {
        enter(&mut c, &api::MSG_CYCLES_REFUNDED128, 0)?;
        let v = c.data().ctx.cycles_refunded;
        write_u128(&mut c, "msg_cycles_refunded128", dst, v)
    })?;
    l.func_wrap("ic0", "msg_cycles_accept128", |mut c: C, high: u64, low: u64, dst: u32| {
        enter(&mut c, &api::MSG_CYCLES_ACCEPT128, 0)?;
        let amount = accept_cycles(&mut c, u128_of(high, low));
        write_u128(&mut c, "msg_cycles_accept128", dst, amount)
    })?;
    l.func_wrap("ic0", "cycles_burn128", |mut c: C, high: u64, low: u64, dst: u32| {
        enter(&mut c, &api::CYCLES_BURN128, 0)?;
        let amount = u128_of(high, low).min(liquid(&c));
        c.data_mut().ctx.balance -= amount;
        write_u128(&mut c, "cycles_burn128", dst, amount)
    })?;
    l.func_wrap("ic0", "canister_cycle_balance128", |mut c: C, dst: u32| {
        enter(&mut c, &api::CANISTER_CYCLE_BALANCE128, 0)?;
        let v = c.data().ctx.balance;
        write_u128(&mut c, "canister_cycle_balance128", dst, v)
    })?;
    l.func_wrap("ic0", "canister_liquid_cycle_balance128", |mut c: C, dst: u32| {
        enter(&mut c, &api::CANISTER_LIQUID_CYCLE_BALANCE128, 0)?;
        let v = liquid(&c);
        write_u128(&mut c, "canister_liquid_cycle_balance128", dst, v)
    })?;
    l.func_wrap("ic0", "mint_cycles128", |mut c: C, _h: u64, _l: u64, _dst: u32| -> Result<()> {
        enter(&mut c, &api::MINT_CYCLES128, 0)?;
        Err(trap("ic0.mint_cycles128: only the cycles minting canister may mint cycles"))
    })?;
    // Deprecated 64-bit cycle calls (older modules).
    l.func_wrap("ic0", "msg_cycles_available", |mut c: C| -> Result<u64> {
        enter(&mut c, &api::MSG_CYCLES_AVAILABLE, 0)?;
        fit_u64("msg_cycles_available", c.data().ctx.cycles_available)
    })?;
    l.func_wrap("ic0", "msg_cycles_refunded", |mut c: C| -> Result<u64> {
        enter(&mut c, &api::MSG_CYCLES_REFUNDED, 0)?;
        fit_u64("msg_cycles_refunded", c.data().ctx.cycles_refunded)
    })?;
    l.func_wrap("ic0", "msg_cycles_accept", |mut c: C, max: u64| -> Result<u64> {
        enter(&mut c, &api::MSG_CYCLES_ACCEPT, 0)?;
        Ok(accept_cycles(&mut c, max as u128) as u64)
    })?;
    l.func_wrap("ic0", "canister_cycle_balance", |mut c: C| -> Result<u64> {
        enter(&mut c, &api::CANISTER_CYCLE_BALANCE, 0)?;
        fit_u64("canister_cycle_balance", c.data().ctx.balance)
    })?;
    l.func_wrap("ic0", "call_cycles_add", |mut c: C, amount: u64| add_call_cycles(&mut c, &api::CALL_CYCLES_ADD, amount as u128))?;
    l.func_wrap("ic0", "mint_cycles", |mut c: C, _a: u64| -> Result<u64> {
        enter(&mut c, &api::MINT_CYCLES, 0)?;
        Err(trap("ic0.mint_cycles: only the cycles minting canister may mint cycles"))
    })?;

    // ---- canister and subnet
    l.func_wrap("ic0", "canister_self_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::CANISTER_SELF_SIZE, 0)?;
        Ok(c.data().ctx.canister_id.as_slice().len() as u32)
    })?;
    l.func_wrap("ic0", "canister_self_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::CANISTER_SELF_COPY, dst, off, size, src_self)
    })?;
    l.func_wrap("ic0", "canister_status", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::CANISTER_STATUS, 0)?;
        Ok(c.data().ctx.status.map(|s| s.as_ic0()).unwrap_or(1))
    })?;
    l.func_wrap("ic0", "canister_version", |mut c: C| -> Result<u64> {
        enter(&mut c, &api::CANISTER_VERSION, 0)?;
        Ok(c.data().ctx.version)
    })?;
    l.func_wrap("ic0", "subnet_self_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::SUBNET_SELF_SIZE, 0)?;
        Ok(src_subnet(c.data()).len() as u32)
    })?;
    l.func_wrap("ic0", "subnet_self_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::SUBNET_SELF_COPY, dst, off, size, src_subnet)
    })?;
    l.func_wrap("ic0", "subnet_self_node_count", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::SUBNET_SELF_NODE_COUNT, 0)?;
        Ok(13)
    })?;
    l.func_wrap("ic0", "root_key_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::ROOT_KEY_SIZE, 0)?;
        Ok(c.data().ctx.root_key.len() as u32)
    })?;
    l.func_wrap("ic0", "root_key_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, &api::ROOT_KEY_COPY, dst, off, size, src_root_key)
    })?;
    l.func_wrap("ic0", "is_controller", |mut c: C, src: u32, size: u32| -> Result<u32> {
        enter(&mut c, &api::IS_CONTROLLER, size as u64)?;
        let bytes = read_bytes(&mut c, "is_controller", src as u64, size as u64)?;
        let p = Principal::try_from_slice(&bytes)
            .map_err(|e| trap(format!("ic0.is_controller: invalid principal: {e}")))?;
        Ok(c.data().ctx.controllers.contains(&p) as u32)
    })?;
    l.func_wrap("ic0", "in_replicated_execution", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::IN_REPLICATED_EXECUTION, 0)?;
        let ctx = &c.data().ctx;
        Ok((!ctx.kind.is_query() && !ctx.composite) as u32)
    })?;

    // ---- outgoing calls
    l.func_wrap(
        "ic0",
        "call_new",
        |mut c: C, callee_src: u32, callee_size: u32, name_src: u32, name_size: u32, reply_fun: u32, reply_env: u32, reject_fun: u32, reject_env: u32| -> Result<()> {
            enter(&mut c, &api::CALL_NEW, callee_size as u64 + name_size as u64)?;
            let callee = read_bytes(&mut c, "call_new", callee_src as u64, callee_size as u64)?;
            let callee = Principal::try_from_slice(&callee)
                .map_err(|e| trap(format!("ic0.call_new: invalid callee principal: {e}")))?;
            let name = read_bytes(&mut c, "call_new", name_src as u64, name_size as u64)?;
            let method = String::from_utf8(name).map_err(|_| trap("ic0.call_new: method name is not UTF-8"))?;
            let ctx = &mut c.data_mut().ctx;
            if let Some(previous) = ctx.building.take() {
                ctx.balance += previous.cycles;
            }
            ctx.building = Some(Call {
                callee,
                method,
                reply: (reply_fun, reply_env),
                reject: (reject_fun, reject_env),
                ..Default::default()
            });
            Ok(())
        },
    )?;
    l.func_wrap("ic0", "call_on_cleanup", |mut c: C, fun: u32, env: u32| -> Result<()> {
        enter(&mut c, &api::CALL_ON_CLEANUP, 0)?;
        let call = c.data_mut().ctx.building.as_mut().ok_or_else(|| trap("ic0.call_on_cleanup: no call is under construction"))?;
        if call.cleanup.is_some() {
            return Err(trap("ic0.call_on_cleanup: cleanup already set"));
        }
        call.cleanup = Some((fun, env));
        Ok(())
    })?;
    l.func_wrap("ic0", "call_data_append", |mut c: C, src: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::CALL_DATA_APPEND, size as u64)?;
        let max = c.data().ctx.max_request_bytes;
        let Some(have) = c.data().ctx.building.as_ref().map(|b| b.arg.len()) else {
            return Err(trap("ic0.call_data_append: no call is under construction"));
        };
        if have + size as usize > max {
            return Err(trap(format!(
                "ic0.call_data_append: application payload size ({}) cannot be larger than {max}.",
                have + size as usize
            )));
        }
        let bytes = read_bytes(&mut c, "call_data_append", src as u64, size as u64)?;
        c.data_mut().ctx.building.as_mut().expect("checked above").arg.extend_from_slice(&bytes);
        Ok(())
    })?;
    l.func_wrap("ic0", "call_with_best_effort_response", |mut c: C, timeout: u32| -> Result<()> {
        enter(&mut c, &api::CALL_WITH_BEST_EFFORT_RESPONSE, 0)?;
        let max = c.data().ctx.max_call_timeout_seconds;
        let call = c.data_mut().ctx.building.as_mut().ok_or_else(|| {
            trap("ic0.call_with_best_effort_response: no call is under construction")
        })?;
        if call.timeout_seconds.is_some() {
            return Err(trap("ic0.call_with_best_effort_response: the timeout is already set"));
        }
        // Larger timeouts are silently bounded by MAX_CALL_TIMEOUT.
        call.timeout_seconds = Some(timeout.min(max));
        Ok(())
    })?;
    l.func_wrap("ic0", "call_cycles_add128", |mut c: C, high: u64, low: u64| {
        add_call_cycles(&mut c, &api::CALL_CYCLES_ADD128, u128_of(high, low))
    })?;
    l.func_wrap("ic0", "call_perform", |mut c: C| -> Result<u32> { perform_call(&mut c) })?;

    // ---- stable memory
    l.func_wrap("ic0", "stable64_size", |mut c: C| -> Result<u64> {
        enter(&mut c, &api::STABLE64_SIZE, 0)?;
        Ok(c.data().stable.size_pages())
    })?;
    l.func_wrap("ic0", "stable64_grow", |mut c: C, new_pages: u64| -> Result<u64> {
        enter(&mut c, &api::STABLE64_GROW, 0)?;
        let limit = c.data().ctx.stable_memory_limit_pages;
        Ok(c.data_mut().stable.grow(new_pages, limit).unwrap_or(u64::MAX))
    })?;
    l.func_wrap("ic0", "stable64_write", |mut c: C, offset: u64, src: u64, size: u64| {
        stable_write(&mut c, &api::STABLE64_WRITE, offset, src, size)
    })?;
    l.func_wrap("ic0", "stable64_read", |mut c: C, dst: u64, offset: u64, size: u64| {
        stable_read(&mut c, &api::STABLE64_READ, dst, offset, size)
    })?;
    // Deprecated 32-bit stable memory API: limited to 4 GiB.
    l.func_wrap("ic0", "stable_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::STABLE_SIZE, 0)?;
        check_stable32(&c, "stable_size")?;
        Ok(c.data().stable.size_pages() as u32)
    })?;
    l.func_wrap("ic0", "stable_grow", |mut c: C, new_pages: u32| -> Result<u32> {
        enter(&mut c, &api::STABLE_GROW, 0)?;
        check_stable32(&c, "stable_grow")?;
        let limit = c.data().ctx.stable_memory_limit_pages.min(65536);
        Ok(c.data_mut().stable.grow(new_pages as u64, limit).map(|p| p as u32).unwrap_or(u32::MAX))
    })?;
    l.func_wrap("ic0", "stable_write", |mut c: C, offset: u32, src: u32, size: u32| {
        check_stable32(&c, "stable_write")?;
        stable_write(&mut c, &api::STABLE_WRITE, offset as u64, src as u64, size as u64)
    })?;
    l.func_wrap("ic0", "stable_read", |mut c: C, dst: u32, offset: u32, size: u32| {
        check_stable32(&c, "stable_read")?;
        stable_read(&mut c, &api::STABLE_READ, dst as u64, offset as u64, size as u64)
    })?;

    // ---- certification
    l.func_wrap("ic0", "certified_data_set", |mut c: C, src: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::CERTIFIED_DATA_SET, size as u64)?;
        if size > 32 {
            return Err(trap(format!("ic0.certified_data_set: certified data is {size} bytes, at most 32 are allowed")));
        }
        let bytes = read_bytes(&mut c, "certified_data_set", src as u64, size as u64)?;
        c.data_mut().ctx.certified_data = Some(bytes);
        Ok(())
    })?;
    l.func_wrap("ic0", "data_certificate_present", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::DATA_CERTIFICATE_PRESENT, 0)?;
        Ok(certificate_present(&c) as u32)
    })?;
    l.func_wrap("ic0", "data_certificate_size", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::DATA_CERTIFICATE_SIZE, 0)?;
        require_certificate(&c, "data_certificate_size")?;
        ensure_certificate(&mut c);
        Ok(src_certificate(c.data()).len() as u32)
    })?;
    l.func_wrap("ic0", "data_certificate_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        enter(&mut c, &api::DATA_CERTIFICATE_COPY, size as u64)?;
        require_certificate(&c, "data_certificate_copy")?;
        ensure_certificate(&mut c);
        copy_raw(&mut c, "data_certificate_copy", dst, off, size, src_certificate)
    })?;

    // ---- time and timers
    l.func_wrap("ic0", "time", |mut c: C| -> Result<u64> {
        enter(&mut c, &api::TIME, 0)?;
        Ok(c.data().ctx.time)
    })?;
    l.func_wrap("ic0", "global_timer_set", |mut c: C, deadline: u64| -> Result<u64> {
        enter(&mut c, &api::GLOBAL_TIMER_SET, 0)?;
        Ok(std::mem::replace(&mut c.data_mut().ctx.global_timer, deadline))
    })?;
    l.func_wrap("ic0", "performance_counter", |mut c: C, counter: u32| -> Result<u64> {
        enter(&mut c, &api::PERFORMANCE_COUNTER, 0)?;
        let used = instructions_used(&mut c);
        match counter {
            0 => Ok(used),
            1 => Ok(c.data().ctx.call_context_instructions + used),
            _ => Err(trap(format!("ic0.performance_counter: unknown counter type {counter}"))),
        }
    })?;

    // ---- costs (13-node subnet prices, see `cycles`)
    l.func_wrap("ic0", "cost_call", |mut c: C, name_size: u64, payload_size: u64, dst: u32| {
        enter(&mut c, &api::COST_CALL, 0)?;
        let ctx = &c.data().ctx;
        let cost = ctx.fees.call_total(name_size, payload_size, ctx.callback_instruction_limit);
        write_u128(&mut c, "cost_call", dst, cost)
    })?;
    l.func_wrap("ic0", "cost_create_canister", |mut c: C, dst: u32| {
        enter(&mut c, &api::COST_CREATE_CANISTER, 0)?;
        let fee = c.data().ctx.fees.canister_creation;
        write_u128(&mut c, "cost_create_canister", dst, fee)
    })?;
    l.func_wrap("ic0", "cost_http_request", |mut c: C, request_size: u64, max_response: u64, dst: u32| {
        enter(&mut c, &api::COST_HTTP_REQUEST, 0)?;
        let fee = 49_140_000u128 + 5_200 * request_size as u128 + 10_400 * max_response as u128;
        write_u128(&mut c, "cost_http_request", dst, fee)
    })?;
    l.func_wrap("ic0", "cost_http_request_v2", |mut c: C, src: u32, size: u32, dst: u32| {
        enter(&mut c, &api::COST_HTTP_REQUEST_V2, size as u64)?;
        read_bytes(&mut c, "cost_http_request_v2", src as u64, size as u64)?;
        write_u128(&mut c, "cost_http_request_v2", dst, 49_140_000u128 + 10_400 * 2_000_000)
    })?;
    for f in [api::COST_SIGN_WITH_ECDSA, api::COST_SIGN_WITH_SCHNORR, api::COST_VETKD_DERIVE_KEY] {
        l.func_wrap("ic0", f.name, move |mut c: C, src: u32, size: u32, _kind: u32, dst: u32| -> Result<u32> {
            enter(&mut c, &f, size as u64)?;
            read_bytes(&mut c, f.name, src as u64, size as u64)?;
            write_u128(&mut c, f.name, dst, 26_153_846_153)?;
            Ok(0)
        })?;
    }

    // ---- environment variables (none are set on devnet)
    l.func_wrap("ic0", "env_var_count", |mut c: C| -> Result<u32> {
        enter(&mut c, &api::ENV_VAR_COUNT, 0)?;
        Ok(0)
    })?;
    l.func_wrap("ic0", "env_var_name_size", |mut c: C, index: u32| -> Result<u32> {
        enter(&mut c, &api::ENV_VAR_NAME_SIZE, 0)?;
        Err(trap(format!("ic0.env_var_name_size: index {index} out of bounds")))
    })?;
    l.func_wrap("ic0", "env_var_name_copy", |mut c: C, index: u32, _d: u32, _o: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::ENV_VAR_NAME_COPY, size as u64)?;
        Err(trap(format!("ic0.env_var_name_copy: index {index} out of bounds")))
    })?;
    l.func_wrap("ic0", "env_var_name_exists", |mut c: C, src: u32, size: u32| -> Result<u32> {
        enter(&mut c, &api::ENV_VAR_NAME_EXISTS, size as u64)?;
        read_bytes(&mut c, "env_var_name_exists", src as u64, size as u64)?;
        Ok(0)
    })?;
    l.func_wrap("ic0", "env_var_value_size", |mut c: C, _src: u32, size: u32| -> Result<u32> {
        enter(&mut c, &api::ENV_VAR_VALUE_SIZE, size as u64)?;
        Err(trap("ic0.env_var_value_size: environment variable not found"))
    })?;
    l.func_wrap("ic0", "env_var_value_copy", |mut c: C, _s: u32, n: u32, _d: u32, _o: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::ENV_VAR_VALUE_COPY, n as u64 + size as u64)?;
        Err(trap("ic0.env_var_value_copy: environment variable not found"))
    })?;

    // ---- debugging and traps
    l.func_wrap("ic0", "debug_print", |mut c: C, src: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::DEBUG_PRINT, size as u64)?;
        let line = debug_line(&mut c, src, size);
        if std::env::var_os("DEVNET_QUIET").is_none() {
            eprintln!("[Canister {}] {line}", c.data().ctx.canister_id);
        }
        c.data_mut().ctx.logs.push(line);
        Ok(())
    })?;
    l.func_wrap("ic0", "trap", |mut c: C, src: u32, size: u32| -> Result<()> {
        enter(&mut c, &api::TRAP, size as u64)?;
        let bytes = read_bytes(&mut c, "trap", src as u64, size.min(64 * 1024) as u64)?;
        Err(trap(format!("Canister called `ic0.trap` with message: '{}'", String::from_utf8_lossy(&bytes))))
    })?;
    Ok(())
}
