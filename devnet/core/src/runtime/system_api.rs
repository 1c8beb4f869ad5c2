//! The ic0 system API as wasmtime host functions. Each function works on the execution context in
//! the store; a violation traps with a message naming the function, as the replica does.
use wasmtime::Result;
use candid::Principal;
use wasmtime::{Caller, Linker};

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

fn trap(msg: impl Into<String>) -> wasmtime::Error {
    CanisterTrap(msg.into()).into()
}

/// Every ic0 function the devnet provides (an import outside this list fails the install).
pub const KNOWN: &[&str] = &[
    "msg_arg_data_size", "msg_arg_data_copy", "msg_caller_size", "msg_caller_copy",
    "msg_caller_info_data_size", "msg_caller_info_data_copy", "msg_caller_info_signer_size",
    "msg_caller_info_signer_copy", "msg_reject_code", "msg_reject_msg_size", "msg_reject_msg_copy",
    "msg_deadline", "msg_reply_data_append", "msg_reply", "msg_reject", "msg_cycles_available128",
    "msg_cycles_refunded128", "msg_cycles_accept128", "cycles_burn128", "canister_self_size",
    "canister_self_copy", "canister_cycle_balance128", "canister_liquid_cycle_balance128",
    "canister_status", "canister_version", "subnet_self_size", "subnet_self_copy",
    "subnet_self_node_count", "msg_method_name_size", "msg_method_name_copy", "accept_message",
    "call_new", "call_on_cleanup", "call_data_append", "call_with_best_effort_response",
    "call_cycles_add128", "call_perform", "stable64_size", "stable64_grow", "stable64_write",
    "stable64_read", "stable_size", "stable_grow", "stable_write", "stable_read", "root_key_size",
    "root_key_copy", "certified_data_set", "data_certificate_present", "data_certificate_size",
    "data_certificate_copy", "time", "global_timer_set", "performance_counter", "is_controller",
    "in_replicated_execution", "cost_call", "cost_create_canister", "cost_http_request",
    "cost_http_request_v2", "cost_sign_with_ecdsa", "cost_sign_with_schnorr", "cost_vetkd_derive_key",
    "env_var_count", "env_var_name_size", "env_var_name_copy", "env_var_name_exists",
    "env_var_value_size", "env_var_value_copy", "debug_print", "trap", "mint_cycles128",
    "msg_cycles_available", "msg_cycles_refunded", "msg_cycles_accept", "canister_cycle_balance",
    "call_cycles_add", "mint_cycles",
];

pub fn is_known(name: &str) -> bool {
    KNOWN.contains(&name)
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
fn copy_out(c: &mut C, func: &str, dst: u32, offset: u32, size: u32, source: fn(&HostState) -> &[u8]) -> Result<()> {
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

fn kind(c: &C) -> EntryKind {
    c.data().ctx.kind
}

fn require(c: &C, allowed: bool, func: &str) -> Result<()> {
    if allowed {
        Ok(())
    } else {
        Err(trap(format!("\"ic0.{func}\" cannot be executed in {:?} mode", kind(c))))
    }
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
    ctx.kind.is_query() && (ctx.certificate.is_some() || ctx.certificate_source.is_some())
}

fn check_respond(c: &C, func: &str) -> Result<()> {
    require(c, kind(c).can_respond(), func)?;
    let ctx = &c.data().ctx;
    if !ctx.may_respond || ctx.response.is_some() {
        return Err(trap(format!("ic0.{func}: the call is already replied")));
    }
    Ok(())
}

fn stable_read(c: &mut C, func: &str, dst: u64, offset: u64, size: u64) -> Result<()> {
    if !c.data().stable.in_bounds(offset, size) {
        return Err(trap(format!("{func}: stable memory out of bounds")));
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

fn stable_write(c: &mut C, func: &str, offset: u64, src: u64, size: u64) -> Result<()> {
    if !c.data().stable.in_bounds(offset, size) {
        return Err(trap(format!("{func}: stable memory out of bounds")));
    }
    let mem = c.data().memory.ok_or_else(|| trap(format!("ic0.{func}: module has no memory")))?;
    let (data, state) = mem.data_and_store_mut(&mut *c);
    let len = data.len();
    let source = data
        .get(src as usize..src.saturating_add(size) as usize)
        .ok_or_else(|| trap(format!("ic0.{func}: src={src} + length={size} exceeds the slice size={len}")))?;
    state.stable.write(offset, source);
    Ok(())
}

fn accept_cycles(c: &mut C, max: u128) -> u128 {
    let ctx = &mut c.data_mut().ctx;
    let amount = max.min(ctx.cycles_available);
    ctx.cycles_available -= amount;
    ctx.balance = ctx.balance.saturating_add(amount);
    amount
}

fn add_call_cycles(c: &mut C, amount: u128) -> Result<()> {
    require(c, c.data().ctx.can_call(), "call_cycles_add128")?;
    let ctx = &mut c.data_mut().ctx;
    let Some(call) = ctx.building.as_mut() else {
        return Err(trap("ic0.call_cycles_add128: no call is under construction"));
    };
    if ctx.balance < amount {
        return Err(trap(format!(
            "ic0.call_cycles_add128: canister cannot add {amount} cycles: its balance is {}",
            ctx.balance
        )));
    }
    ctx.balance -= amount;
    call.cycles += amount;
    Ok(())
}

fn instructions_used(c: &C) -> u64 {
    let limit = c.data().ctx.instruction_limit;
    limit.saturating_sub(c.get_fuel().unwrap_or(limit))
}

/// Largest argument of an inter-canister request (2 MiB, as on the IC).
pub const MAX_INTER_CANISTER_PAYLOAD: usize = 2 * 1024 * 1024;

/// The IC's fee for an inter-canister call (13-node subnet).
pub fn call_fee(method_name_size: u64, payload_size: u64) -> u128 {
    260_000 + 1_000 * (method_name_size as u128 + payload_size as u128)
}

pub fn register(l: &mut Linker<HostState>) -> Result<()> {
    // ---- message data
    l.func_wrap("ic0", "msg_arg_data_size", |c: C| -> u32 { c.data().ctx.arg.len() as u32 })?;
    l.func_wrap("ic0", "msg_arg_data_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "msg_arg_data_copy", dst, off, size, src_arg)
    })?;
    l.func_wrap("ic0", "msg_caller_size", |c: C| -> u32 { c.data().ctx.caller.as_slice().len() as u32 })?;
    l.func_wrap("ic0", "msg_caller_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "msg_caller_copy", dst, off, size, src_caller)
    })?;
    l.func_wrap("ic0", "msg_caller_info_data_size", |_c: C| -> u32 { 0 })?;
    l.func_wrap("ic0", "msg_caller_info_data_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "msg_caller_info_data_copy", dst, off, size, src_empty)
    })?;
    l.func_wrap("ic0", "msg_caller_info_signer_size", |_c: C| -> u32 { 0 })?;
    l.func_wrap("ic0", "msg_caller_info_signer_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "msg_caller_info_signer_copy", dst, off, size, src_empty)
    })?;
    l.func_wrap("ic0", "msg_reject_code", |c: C| -> u32 { c.data().ctx.reject_code })?;
    l.func_wrap("ic0", "msg_reject_msg_size", |c: C| -> Result<u32> {
        require(&c, kind(&c) == EntryKind::RejectCallback, "msg_reject_msg_size")?;
        Ok(c.data().ctx.reject_message.len() as u32)
    })?;
    l.func_wrap("ic0", "msg_reject_msg_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        require(&c, kind(&c) == EntryKind::RejectCallback, "msg_reject_msg_copy")?;
        copy_out(&mut c, "msg_reject_msg_copy", dst, off, size, src_reject_msg)
    })?;
    l.func_wrap("ic0", "msg_deadline", |_c: C| -> u64 { 0 })?;
    l.func_wrap("ic0", "msg_method_name_size", |c: C| -> u32 { c.data().ctx.method.len() as u32 })?;
    l.func_wrap("ic0", "msg_method_name_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "msg_method_name_copy", dst, off, size, src_method)
    })?;
    l.func_wrap("ic0", "accept_message", |mut c: C| -> Result<()> {
        require(&c, kind(&c) == EntryKind::InspectMessage, "accept_message")?;
        if c.data().ctx.message_accepted {
            return Err(trap("ic0.accept_message: message already accepted"));
        }
        c.data_mut().ctx.message_accepted = true;
        Ok(())
    })?;

    // ---- replies
    l.func_wrap("ic0", "msg_reply_data_append", |mut c: C, src: u32, size: u32| -> Result<()> {
        check_respond(&c, "msg_reply_data_append")?;
        let bytes = read_bytes(&mut c, "msg_reply_data_append", src as u64, size as u64)?;
        c.data_mut().ctx.reply_buffer.extend_from_slice(&bytes);
        Ok(())
    })?;
    l.func_wrap("ic0", "msg_reply", |mut c: C| -> Result<()> {
        check_respond(&c, "msg_reply")?;
        let ctx = &mut c.data_mut().ctx;
        ctx.response = Some(Ok(std::mem::take(&mut ctx.reply_buffer)));
        Ok(())
    })?;
    l.func_wrap("ic0", "msg_reject", |mut c: C, src: u32, size: u32| -> Result<()> {
        check_respond(&c, "msg_reject")?;
        let bytes = read_bytes(&mut c, "msg_reject", src as u64, size as u64)?;
        c.data_mut().ctx.response = Some(Err(String::from_utf8_lossy(&bytes).into_owned()));
        Ok(())
    })?;

    // ---- cycles
    l.func_wrap("ic0", "msg_cycles_available128", |mut c: C, dst: u32| {
        let v = c.data().ctx.cycles_available;
        write_u128(&mut c, "msg_cycles_available128", dst, v)
    })?;
    l.func_wrap("ic0", "msg_cycles_refunded128", |mut c: C, dst: u32| {
        let v = c.data().ctx.cycles_refunded;
        write_u128(&mut c, "msg_cycles_refunded128", dst, v)
    })?;
    l.func_wrap("ic0", "msg_cycles_accept128", |mut c: C, high: u64, low: u64, dst: u32| {
        let amount = accept_cycles(&mut c, u128_of(high, low));
        write_u128(&mut c, "msg_cycles_accept128", dst, amount)
    })?;
    l.func_wrap("ic0", "cycles_burn128", |mut c: C, high: u64, low: u64, dst: u32| {
        let ctx = &mut c.data_mut().ctx;
        let amount = u128_of(high, low).min(ctx.balance);
        ctx.balance -= amount;
        write_u128(&mut c, "cycles_burn128", dst, amount)
    })?;
    l.func_wrap("ic0", "canister_cycle_balance128", |mut c: C, dst: u32| {
        let v = c.data().ctx.balance;
        write_u128(&mut c, "canister_cycle_balance128", dst, v)
    })?;
    l.func_wrap("ic0", "canister_liquid_cycle_balance128", |mut c: C, dst: u32| {
        let v = c.data().ctx.balance;
        write_u128(&mut c, "canister_liquid_cycle_balance128", dst, v)
    })?;
    l.func_wrap("ic0", "mint_cycles128", |_c: C, _h: u64, _l: u64, _dst: u32| -> Result<()> {
        Err(trap("ic0.mint_cycles128: only the cycles minting canister may mint cycles"))
    })?;
    // Deprecated 64-bit cycle calls (older modules).
    l.func_wrap("ic0", "msg_cycles_available", |c: C| -> u64 { c.data().ctx.cycles_available.min(u64::MAX as u128) as u64 })?;
    l.func_wrap("ic0", "msg_cycles_refunded", |c: C| -> u64 { c.data().ctx.cycles_refunded.min(u64::MAX as u128) as u64 })?;
    l.func_wrap("ic0", "msg_cycles_accept", |mut c: C, max: u64| -> u64 { accept_cycles(&mut c, max as u128) as u64 })?;
    l.func_wrap("ic0", "canister_cycle_balance", |c: C| -> u64 { c.data().ctx.balance.min(u64::MAX as u128) as u64 })?;
    l.func_wrap("ic0", "call_cycles_add", |mut c: C, amount: u64| add_call_cycles(&mut c, amount as u128))?;
    l.func_wrap("ic0", "mint_cycles", |_c: C, _a: u64| -> Result<u64> {
        Err(trap("ic0.mint_cycles: only the cycles minting canister may mint cycles"))
    })?;

    // ---- canister and subnet
    l.func_wrap("ic0", "canister_self_size", |c: C| -> u32 { c.data().ctx.canister_id.as_slice().len() as u32 })?;
    l.func_wrap("ic0", "canister_self_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "canister_self_copy", dst, off, size, src_self)
    })?;
    l.func_wrap("ic0", "canister_status", |c: C| -> u32 {
        c.data().ctx.status.map(|s| s.as_ic0()).unwrap_or(1)
    })?;
    l.func_wrap("ic0", "canister_version", |c: C| -> u64 { c.data().ctx.version })?;
    l.func_wrap("ic0", "subnet_self_size", |c: C| -> u32 { src_subnet(c.data()).len() as u32 })?;
    l.func_wrap("ic0", "subnet_self_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "subnet_self_copy", dst, off, size, src_subnet)
    })?;
    l.func_wrap("ic0", "subnet_self_node_count", |_c: C| -> u32 { 1 })?;
    l.func_wrap("ic0", "root_key_size", |c: C| -> u32 { c.data().ctx.root_key.len() as u32 })?;
    l.func_wrap("ic0", "root_key_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        copy_out(&mut c, "root_key_copy", dst, off, size, src_root_key)
    })?;
    l.func_wrap("ic0", "is_controller", |mut c: C, src: u32, size: u32| -> Result<u32> {
        let bytes = read_bytes(&mut c, "is_controller", src as u64, size as u64)?;
        let p = Principal::try_from_slice(&bytes)
            .map_err(|e| trap(format!("ic0.is_controller: invalid principal: {e}")))?;
        Ok(c.data().ctx.controllers.contains(&p) as u32)
    })?;
    l.func_wrap("ic0", "in_replicated_execution", |c: C| -> u32 { (!kind(&c).is_query() && !c.data().ctx.composite) as u32 })?;

    // ---- outgoing calls
    l.func_wrap(
        "ic0",
        "call_new",
        |mut c: C, callee_src: u32, callee_size: u32, name_src: u32, name_size: u32, reply_fun: u32, reply_env: u32, reject_fun: u32, reject_env: u32| -> Result<()> {
            require(&c, c.data().ctx.can_call(), "call_new")?;
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
        let call = c.data_mut().ctx.building.as_mut().ok_or_else(|| trap("ic0.call_on_cleanup: no call is under construction"))?;
        if call.cleanup.is_some() {
            return Err(trap("ic0.call_on_cleanup: cleanup already set"));
        }
        call.cleanup = Some((fun, env));
        Ok(())
    })?;
    l.func_wrap("ic0", "call_data_append", |mut c: C, src: u32, size: u32| -> Result<()> {
        if c.data().ctx.building.is_none() {
            return Err(trap("ic0.call_data_append: no call is under construction"));
        }
        let bytes = read_bytes(&mut c, "call_data_append", src as u64, size as u64)?;
        c.data_mut().ctx.building.as_mut().unwrap().arg.extend_from_slice(&bytes);
        Ok(())
    })?;
    l.func_wrap("ic0", "call_with_best_effort_response", |mut c: C, timeout: u32| -> Result<()> {
        let call = c.data_mut().ctx.building.as_mut().ok_or_else(|| {
            trap("ic0.call_with_best_effort_response: no call is under construction")
        })?;
        call.timeout_seconds = Some(timeout.clamp(1, 300));
        Ok(())
    })?;
    l.func_wrap("ic0", "call_cycles_add128", |mut c: C, high: u64, low: u64| add_call_cycles(&mut c, u128_of(high, low)))?;
    l.func_wrap("ic0", "call_perform", |mut c: C| -> Result<u32> {
        require(&c, c.data().ctx.can_call(), "call_perform")?;
        let ctx = &mut c.data_mut().ctx;
        let call = ctx.building.take().ok_or_else(|| trap("ic0.call_perform: no call is under construction"))?;
        if call.arg.len() > MAX_INTER_CANISTER_PAYLOAD {
            // Not performed: its cycles go back to the balance and the canister sees an error code.
            ctx.balance += call.cycles;
            ctx.logs.push(format!(
                "call_perform: the request to {}.{} carries {} bytes, more than the {MAX_INTER_CANISTER_PAYLOAD}-byte limit",
                call.callee, call.method, call.arg.len()
            ));
            return Ok(2);
        }
        ctx.calls.push(call);
        Ok(0)
    })?;

    // ---- stable memory
    l.func_wrap("ic0", "stable64_size", |c: C| -> u64 { c.data().stable.size_pages() })?;
    l.func_wrap("ic0", "stable64_grow", |mut c: C, new_pages: u64| -> u64 {
        let limit = c.data().ctx.stable_memory_limit_pages;
        c.data_mut().stable.grow(new_pages, limit).unwrap_or(u64::MAX)
    })?;
    l.func_wrap("ic0", "stable64_write", |mut c: C, offset: u64, src: u64, size: u64| {
        stable_write(&mut c, "stable64_write", offset, src, size)
    })?;
    l.func_wrap("ic0", "stable64_read", |mut c: C, dst: u64, offset: u64, size: u64| {
        stable_read(&mut c, "stable64_read", dst, offset, size)
    })?;
    // Deprecated 32-bit stable memory API: limited to 4 GiB.
    l.func_wrap("ic0", "stable_size", |c: C| -> Result<u32> {
        let pages = c.data().stable.size_pages();
        if pages > u32::MAX as u64 / WASM_PAGE {
            return Err(trap("ic0.stable_size: stable memory exceeds 4 GiB; use stable64_size"));
        }
        Ok(pages as u32)
    })?;
    l.func_wrap("ic0", "stable_grow", |mut c: C, new_pages: u32| -> u32 {
        let limit = c.data().ctx.stable_memory_limit_pages.min(65536);
        c.data_mut().stable.grow(new_pages as u64, limit).map(|p| p as u32).unwrap_or(u32::MAX)
    })?;
    l.func_wrap("ic0", "stable_write", |mut c: C, offset: u32, src: u32, size: u32| {
        stable_write(&mut c, "stable_write", offset as u64, src as u64, size as u64)
    })?;
    l.func_wrap("ic0", "stable_read", |mut c: C, dst: u32, offset: u32, size: u32| {
        stable_read(&mut c, "stable_read", dst as u64, offset as u64, size as u64)
    })?;

    // ---- certification
    l.func_wrap("ic0", "certified_data_set", |mut c: C, src: u32, size: u32| -> Result<()> {
        require(&c, kind(&c).mutates_state() && !c.data().ctx.composite, "certified_data_set")?;
        if size > 32 {
            return Err(trap(format!("ic0.certified_data_set: certified data is {size} bytes, at most 32 are allowed")));
        }
        let bytes = read_bytes(&mut c, "certified_data_set", src as u64, size as u64)?;
        c.data_mut().ctx.certified_data = Some(bytes);
        Ok(())
    })?;
    l.func_wrap("ic0", "data_certificate_present", |c: C| -> u32 { certificate_present(&c) as u32 })?;
    l.func_wrap("ic0", "data_certificate_size", |mut c: C| -> Result<u32> {
        require(&c, certificate_present(&c), "data_certificate_size")?;
        ensure_certificate(&mut c);
        Ok(src_certificate(c.data()).len() as u32)
    })?;
    l.func_wrap("ic0", "data_certificate_copy", |mut c: C, dst: u32, off: u32, size: u32| {
        require(&c, certificate_present(&c), "data_certificate_copy")?;
        ensure_certificate(&mut c);
        copy_out(&mut c, "data_certificate_copy", dst, off, size, src_certificate)
    })?;

    // ---- time and timers
    l.func_wrap("ic0", "time", |c: C| -> u64 { c.data().ctx.time })?;
    l.func_wrap("ic0", "global_timer_set", |mut c: C, deadline: u64| -> Result<u64> {
        require(&c, kind(&c).mutates_state() && !c.data().ctx.composite, "global_timer_set")?;
        Ok(std::mem::replace(&mut c.data_mut().ctx.global_timer, deadline))
    })?;
    l.func_wrap("ic0", "performance_counter", |c: C, counter: u32| -> Result<u64> {
        let used = instructions_used(&c);
        match counter {
            0 => Ok(used),
            1 => Ok(c.data().ctx.call_context_instructions + used),
            _ => Err(trap(format!("ic0.performance_counter: unknown counter type {counter}"))),
        }
    })?;

    // ---- costs (13-node subnet prices)
    l.func_wrap("ic0", "cost_call", |mut c: C, name_size: u64, payload_size: u64, dst: u32| {
        write_u128(&mut c, "cost_call", dst, call_fee(name_size, payload_size))
    })?;
    l.func_wrap("ic0", "cost_create_canister", |mut c: C, dst: u32| {
        let fee = c.data().ctx.cost_create_canister;
        write_u128(&mut c, "cost_create_canister", dst, fee)
    })?;
    l.func_wrap("ic0", "cost_http_request", |mut c: C, request_size: u64, max_response: u64, dst: u32| {
        let fee = 49_140_000u128 + 5_200 * request_size as u128 + 10_400 * max_response as u128;
        write_u128(&mut c, "cost_http_request", dst, fee)
    })?;
    l.func_wrap("ic0", "cost_http_request_v2", |mut c: C, src: u32, size: u32, dst: u32| {
        read_bytes(&mut c, "cost_http_request_v2", src as u64, size as u64)?;
        write_u128(&mut c, "cost_http_request_v2", dst, 49_140_000u128 + 10_400 * 2_000_000)
    })?;
    for name in ["cost_sign_with_ecdsa", "cost_sign_with_schnorr", "cost_vetkd_derive_key"] {
        l.func_wrap("ic0", name, move |mut c: C, src: u32, size: u32, _kind: u32, dst: u32| -> Result<u32> {
            read_bytes(&mut c, name, src as u64, size as u64)?;
            write_u128(&mut c, name, dst, 26_153_846_153)?;
            Ok(0)
        })?;
    }

    // ---- environment variables (none are set on devnet)
    l.func_wrap("ic0", "env_var_count", |_c: C| -> u32 { 0 })?;
    l.func_wrap("ic0", "env_var_name_size", |_c: C, index: u32| -> Result<u32> {
        Err(trap(format!("ic0.env_var_name_size: index {index} out of bounds")))
    })?;
    l.func_wrap("ic0", "env_var_name_copy", |_c: C, index: u32, _d: u32, _o: u32, _s: u32| -> Result<()> {
        Err(trap(format!("ic0.env_var_name_copy: index {index} out of bounds")))
    })?;
    l.func_wrap("ic0", "env_var_name_exists", |_c: C, _src: u32, _size: u32| -> u32 { 0 })?;
    l.func_wrap("ic0", "env_var_value_size", |_c: C, _src: u32, _size: u32| -> Result<u32> {
        Err(trap("ic0.env_var_value_size: environment variable not found"))
    })?;
    l.func_wrap("ic0", "env_var_value_copy", |_c: C, _s: u32, _n: u32, _d: u32, _o: u32, _z: u32| -> Result<()> {
        Err(trap("ic0.env_var_value_copy: environment variable not found"))
    })?;

    // ---- debugging and traps
    l.func_wrap("ic0", "debug_print", |mut c: C, src: u32, size: u32| -> Result<()> {
        let bytes = read_bytes(&mut c, "debug_print", src as u64, size.min(64 * 1024) as u64)?;
        let line = String::from_utf8_lossy(&bytes).into_owned();
        if std::env::var_os("DEVNET_QUIET").is_none() {
            eprintln!("[Canister {}] {line}", c.data().ctx.canister_id);
        }
        c.data_mut().ctx.logs.push(line);
        Ok(())
    })?;
    l.func_wrap("ic0", "trap", |mut c: C, src: u32, size: u32| -> Result<()> {
        let bytes = read_bytes(&mut c, "trap", src as u64, size.min(64 * 1024) as u64)?;
        Err(trap(format!("Canister called `ic0.trap` with message: '{}'", String::from_utf8_lossy(&bytes))))
    })?;
    Ok(())
}
