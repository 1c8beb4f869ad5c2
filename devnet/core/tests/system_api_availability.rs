//! The interface spec's table of where each ic0 function may be called ("Overview of imports":
//! `I G U RQ NRQ CQ Ry Rt CRy CRt C CC F T s`), checked function by function, context by context:
//! a hand-assembled canister calls the function (with zero arguments) from every entry point, and
//! the test asserts it traps with "cannot be executed" exactly where the table says it may not run.
mod common;

use common::user;
use devnet::{Devnet, Fees, Principal};
use std::collections::BTreeSet;
use wasm_encoder::{
    CodeSection, ConstExpr, ElementSection, Elements, EntityType, ExportKind, ExportSection, Function, FunctionSection,
    GlobalSection, GlobalType, ImportSection, Instruction as I, MemorySection, MemoryType, Module, RefType, StartSection,
    TableSection, TableType, TypeSection, ValType,
};

const ALL: &str = "I G U RQ NRQ CQ Ry Rt CRy CRt C CC F T";

/// (function, parameters, results, contexts): the spec's table, transcribed. `*` is every
/// context but `s`; `Q` in the spec's `msg_deadline` line means both query modes.
fn spec_table() -> Vec<(&'static str, &'static str, &'static str, String)> {
    let all = ALL.to_string();
    let all_s = format!("{ALL} s");
    let rows: Vec<(&str, &str, &str, &str)> = vec![
        ("msg_arg_data_size", "", "i", "I U RQ NRQ CQ Ry CRy F"),
        ("msg_arg_data_copy", "iii", "", "I U RQ NRQ CQ Ry CRy F"),
        ("msg_caller_size", "", "i", "*"),
        ("msg_caller_copy", "iii", "", "*"),
        ("msg_caller_info_data_size", "", "i", "U RQ NRQ CQ Ry Rt CRy CRt C CC F"),
        ("msg_caller_info_data_copy", "iii", "", "U RQ NRQ CQ Ry Rt CRy CRt C CC F"),
        ("msg_caller_info_signer_size", "", "i", "U RQ NRQ CQ Ry Rt CRy CRt C CC F"),
        ("msg_caller_info_signer_copy", "iii", "", "U RQ NRQ CQ Ry Rt CRy CRt C CC F"),
        ("msg_reject_code", "", "i", "Ry Rt CRy CRt C"),
        ("msg_reject_msg_size", "", "i", "Rt CRt"),
        ("msg_reject_msg_copy", "iii", "", "Rt CRt"),
        ("msg_deadline", "", "l", "U RQ NRQ CQ Ry Rt CRy CRt"),
        ("msg_reply_data_append", "ii", "", "U RQ NRQ CQ Ry Rt CRy CRt"),
        ("msg_reply", "", "", "U RQ NRQ CQ Ry Rt CRy CRt"),
        ("msg_reject", "ii", "", "U RQ NRQ CQ Ry Rt CRy CRt"),
        ("msg_cycles_available128", "i", "", "U RQ Rt Ry"),
        ("msg_cycles_refunded128", "i", "", "Rt Ry"),
        ("msg_cycles_accept128", "lli", "", "U RQ Rt Ry"),
        ("cycles_burn128", "lli", "", "I G U RQ Ry Rt C T"),
        ("canister_self_size", "", "i", "*"),
        ("canister_self_copy", "iii", "", "*"),
        ("canister_cycle_balance128", "i", "", "*"),
        ("canister_liquid_cycle_balance128", "i", "", "*"),
        ("canister_status", "", "i", "*"),
        ("canister_version", "", "l", "*"),
        ("subnet_self_size", "", "i", "*"),
        ("subnet_self_copy", "iii", "", "*"),
        ("msg_method_name_size", "", "i", "F"),
        ("msg_method_name_copy", "iii", "", "F"),
        ("accept_message", "", "", "F"),
        ("call_new", "iiiiiiii", "", "U CQ Ry Rt CRy CRt T"),
        ("call_on_cleanup", "ii", "", "U CQ Ry Rt CRy CRt T"),
        ("call_data_append", "ii", "", "U CQ Ry Rt CRy CRt T"),
        ("call_with_best_effort_response", "i", "", "U CQ Ry Rt CRy CRt T"),
        ("call_cycles_add128", "ll", "", "U Ry Rt T"),
        ("call_perform", "", "i", "U CQ Ry Rt CRy CRt T"),
        ("stable64_size", "", "l", "* s"),
        ("stable64_grow", "l", "l", "* s"),
        ("stable64_write", "lll", "", "* s"),
        ("stable64_read", "lll", "", "* s"),
        ("root_key_size", "", "i", "I G U RQ Ry Rt C T"),
        ("root_key_copy", "iii", "", "I G U RQ Ry Rt C T"),
        ("certified_data_set", "ii", "", "I G U Ry Rt T"),
        ("data_certificate_present", "", "i", "*"),
        ("data_certificate_size", "", "i", "NRQ CQ"),
        ("data_certificate_copy", "iii", "", "NRQ CQ"),
        ("time", "", "l", "*"),
        ("global_timer_set", "l", "l", "I G U Ry Rt C T"),
        ("performance_counter", "i", "l", "* s"),
        ("is_controller", "ii", "i", "* s"),
        ("in_replicated_execution", "", "i", "* s"),
        ("cost_call", "lli", "", "* s"),
        ("cost_create_canister", "i", "", "* s"),
        ("cost_http_request", "lli", "", "* s"),
        ("cost_sign_with_ecdsa", "iiii", "i", "* s"),
        ("cost_sign_with_schnorr", "iiii", "i", "* s"),
        ("cost_vetkd_derive_key", "iiii", "i", "* s"),
        ("env_var_count", "", "i", "*"),
        ("env_var_name_size", "i", "i", "*"),
        ("env_var_name_copy", "iiii", "", "*"),
        ("env_var_name_exists", "ii", "i", "*"),
        ("env_var_value_size", "ii", "i", "*"),
        ("env_var_value_copy", "iiiii", "", "*"),
        ("debug_print", "ii", "", "* s"),
        ("trap", "ii", "", "* s"),
        // Only for modules with a 32-bit memory.
        ("msg_cycles_available", "", "l", "U RQ Rt Ry"),
        ("msg_cycles_refunded", "", "l", "Rt Ry"),
        ("msg_cycles_accept", "l", "l", "U RQ Rt Ry"),
        ("canister_cycle_balance", "", "l", "*"),
        ("call_cycles_add", "l", "", "U Ry Rt T"),
        ("stable_size", "", "i", "* s"),
        ("stable_grow", "i", "i", "* s"),
        ("stable_write", "iii", "", "* s"),
        ("stable_read", "iii", "", "* s"),
    ];
    rows.into_iter()
        .map(|(name, params, results, contexts)| {
            let contexts = contexts.replace("* s", &all_s).replace('*', &all);
            (name, params, results, contexts)
        })
        .collect()
}

/// Functions that trap with zero arguments wherever they run (no call under construction, no
/// such environment variable, `ic0.trap` itself): in contexts observed only through a flag
/// (C, CC, T) an allowed call cannot be told from a refused one, so those cells are skipped.
const TRAP_ANYWAY: [&str; 11] = [
    "trap",
    "call_cycles_add",
    "env_var_name_size",
    "env_var_name_copy",
    "env_var_value_size",
    "env_var_value_copy",
    "call_on_cleanup",
    "call_data_append",
    "call_with_best_effort_response",
    "call_cycles_add128",
    "call_perform",
];

/// Functions that, where allowed, end the execution's ability to reply, so the test's own reply
/// after them traps ("already replied", "already accepted").
const RESPOND: [&str; 3] = ["msg_reply", "msg_reject", "accept_message"];

fn val(c: char) -> ValType {
    if c == 'l' {
        ValType::I64
    } else {
        ValType::I32
    }
}

// Function indices: the tested import, then the helper imports, then the module's own functions.
const F: u32 = 0;
const MSG_REPLY: u32 = 1;
const MSG_REPLY_DATA_APPEND: u32 = 2;
const CALL_NEW: u32 = 3;
const CALL_PERFORM: u32 = 4;
const CALL_ON_CLEANUP: u32 = 5;
const GLOBAL_TIMER_SET: u32 = 6;
const MSG_REJECT: u32 = 7;
const ACCEPT_MESSAGE: u32 = 8;
const MSG_ARG_DATA_SIZE: u32 = 9;
const DEBUG_PRINT: u32 = 10;
const IMPORTS: u32 = 11;

/// A canister (`self_id`) that calls `name` from every entry point. Globals: 0 armed inspect,
/// 1 armed pre_upgrade. Data: "noop" at 1024, "rejecter" at 1028, "ran" at 1036, `self_id` at 1100
/// (above the 16 bytes the called function may write at address 0).
/// Where no reply can tell (cleanup, timer) it logs "ran" after the call.
fn probe_module(self_id: Principal, name: &str, params: &str, results: &str) -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function(params.chars().map(val).collect::<Vec<_>>(), results.chars().map(val).collect::<Vec<_>>()); // 0: F
    types.ty().function([], []); // 1
    types.ty().function([ValType::I32, ValType::I32], []); // 2
    types.ty().function([ValType::I32; 8], []); // 3: call_new
    types.ty().function([], [ValType::I32]); // 4
    types.ty().function([ValType::I64], [ValType::I64]); // 5: global_timer_set
    types.ty().function([ValType::I32], []); // 6: callbacks
    let mut imports = ImportSection::new();
    imports.import("ic0", name, EntityType::Function(0));
    imports.import("ic0", "msg_reply", EntityType::Function(1));
    imports.import("ic0", "msg_reply_data_append", EntityType::Function(2));
    imports.import("ic0", "call_new", EntityType::Function(3));
    imports.import("ic0", "call_perform", EntityType::Function(4));
    imports.import("ic0", "call_on_cleanup", EntityType::Function(2));
    imports.import("ic0", "global_timer_set", EntityType::Function(5));
    imports.import("ic0", "msg_reject", EntityType::Function(2));
    imports.import("ic0", "accept_message", EntityType::Function(1));
    imports.import("ic0", "msg_arg_data_size", EntityType::Function(4));
    imports.import("ic0", "debug_print", EntityType::Function(2));

    let global = |i: u32| i;
    let invoke = {
        let mut f = Function::new([]);
        for c in params.chars() {
            f.instruction(&if c == 'l' { I::I64Const(0) } else { I::I32Const(0) });
        }
        f.instruction(&I::Call(F));
        for _ in results.chars() {
            f.instruction(&I::Drop);
        }
        f.instruction(&I::End);
        f
    };
    // Own functions, in index order.
    let mut bodies: Vec<(&str, Function, u32)> = Vec::new();
    let own = |i: u32| IMPORTS + i;
    const INVOKE: u32 = 0;
    let simple = |ins: &[I]| {
        let mut f = Function::new([]);
        for i in ins {
            f.instruction(i);
        }
        f.instruction(&I::End);
        f
    };
    bodies.push(("", invoke, 1)); // 0 invoke
    bodies.push(("canister_update u", simple(&[I::Call(own(INVOKE)), I::Call(MSG_REPLY)]), 1)); // 1
    bodies.push(("canister_query q", simple(&[I::Call(own(INVOKE)), I::Call(MSG_REPLY)]), 1)); // 2
    bodies.push(("canister_composite_query cq", simple(&[I::Call(own(INVOKE)), I::Call(MSG_REPLY)]), 1)); // 3
    bodies.push(("canister_query noop", simple(&[I::Call(MSG_REPLY)]), 1)); // 4
    bodies.push(("canister_query rejecter", simple(&[I::I32Const(0), I::I32Const(0), I::Call(MSG_REJECT)]), 1)); // 5
    // Callbacks (table 0..3): 6 invoke+reply, 7 trap, 8 cleanup: invoke then log "ran".
    let ran = [I::I32Const(1036), I::I32Const(3), I::Call(DEBUG_PRINT)];
    bodies.push(("", simple(&[I::Call(own(INVOKE)), I::Call(MSG_REPLY)]), 6)); // 6
    bodies.push(("", simple(&[I::Unreachable]), 6)); // 7
    bodies.push(("", simple(&[[I::Call(own(INVOKE))].as_slice(), ran.as_slice()].concat()), 6)); // 8
    let _ = MSG_REPLY_DATA_APPEND;
    // call(method at data offset, len, reply_cb, reject_cb) helpers inline:
    let call = |method: (i32, i32), reply: i32, reject: i32| -> Vec<I<'static>> {
        vec![
            I::I32Const(1100),
            I::I32Const(self_id.as_slice().len() as i32),
            I::I32Const(method.0),
            I::I32Const(method.1),
            I::I32Const(reply),
            I::I32Const(0),
            I::I32Const(reject),
            I::I32Const(0),
            I::Call(CALL_NEW),
        ]
    };
    let noop = (1024, 4);
    let rejecter = (1028, 8);
    let perform = [I::Call(CALL_PERFORM), I::Drop];
    let with = |parts: Vec<Vec<I<'static>>>| {
        let all: Vec<I<'static>> = parts.into_iter().flatten().collect();
        simple(&all)
    };
    // Table: 0 = invoke and reply (6), 1 = trap (7), 2 = cleanup (8).
    bodies.push(("canister_update ry", with(vec![call(noop, 0, 1), perform.to_vec()]), 1)); // 9
    bodies.push(("canister_update rt", with(vec![call(rejecter, 1, 0), perform.to_vec()]), 1)); // 10
    bodies.push(("canister_composite_query cry", with(vec![call(noop, 0, 1), perform.to_vec()]), 1)); // 11
    bodies.push(("canister_composite_query crt", with(vec![call(rejecter, 1, 0), perform.to_vec()]), 1)); // 12
    let trap_then_cleanup =
        with(vec![call(noop, 1, 1), vec![I::I32Const(2), I::I32Const(0), I::Call(CALL_ON_CLEANUP)], perform.to_vec()]);
    bodies.push(("canister_update c", trap_then_cleanup.clone(), 1)); // 13
    bodies.push(("canister_composite_query cc", trap_then_cleanup, 1)); // 14
    // inspect: if armed, invoke; accept.
    bodies.push((
        "canister_inspect_message",
        simple(&[I::GlobalGet(global(0)), I::If(wasm_encoder::BlockType::Empty), I::Call(own(INVOKE)), I::End, I::Call(ACCEPT_MESSAGE)]),
        1,
    )); // 16
    bodies.push(("canister_update arm_f", simple(&[I::I32Const(1), I::GlobalSet(global(0)), I::Call(MSG_REPLY)]), 1)); // 17
    bodies.push(("canister_update inspect_test", simple(&[I::Call(MSG_REPLY)]), 1)); // 18
    bodies.push(("canister_update arm_g", simple(&[I::I32Const(1), I::GlobalSet(global(1)), I::Call(MSG_REPLY)]), 1)); // 19
    bodies.push((
        "canister_pre_upgrade",
        simple(&[I::GlobalGet(global(1)), I::If(wasm_encoder::BlockType::Empty), I::Call(own(INVOKE)), I::End]),
        1,
    )); // 20
    // init / post_upgrade: invoke when the install argument is not empty.
    let init = simple(&[I::Call(MSG_ARG_DATA_SIZE), I::If(wasm_encoder::BlockType::Empty), I::Call(own(INVOKE)), I::End]);
    bodies.push(("canister_init", init.clone(), 1)); // 21
    bodies.push(("canister_post_upgrade", init, 1)); // 22
    bodies.push((
        "canister_update arm_t",
        simple(&[I::I64Const(1), I::Call(GLOBAL_TIMER_SET), I::Drop, I::Call(MSG_REPLY)]),
        1,
    )); // 23
    bodies.push(("canister_global_timer", simple(&[[I::Call(own(INVOKE))].as_slice(), ran.as_slice()].concat()), 1));

    let mut functions = FunctionSection::new();
    let mut exports = ExportSection::new();
    let mut code = CodeSection::new();
    for (i, (export, body, ty)) in bodies.iter().enumerate() {
        functions.function(*ty);
        code.function(body);
        if !export.is_empty() {
            exports.export(export, ExportKind::Func, own(i as u32));
        }
    }
    exports.export("memory", ExportKind::Memory, 0);
    let mut tables = TableSection::new();
    tables.table(TableType { element_type: RefType::FUNCREF, minimum: 3, maximum: Some(3), table64: false, shared: false });
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut globals = GlobalSection::new();
    for _ in 0..2 {
        globals.global(GlobalType { val_type: ValType::I32, mutable: true, shared: false }, &ConstExpr::i32_const(0));
    }
    let mut elements = ElementSection::new();
    let callbacks = [own(6), own(7), own(8)];
    elements.active(Some(0), &ConstExpr::i32_const(0), Elements::Functions(callbacks.as_slice().into()));
    let mut data = wasm_encoder::DataSection::new();
    data.active(0, &ConstExpr::i32_const(1024), b"nooprejecterran".iter().copied());
    data.active(0, &ConstExpr::i32_const(1100), self_id.as_slice().iter().copied());
    let mut module = Module::new();
    module
        .section(&types)
        .section(&imports)
        .section(&functions)
        .section(&tables)
        .section(&memories)
        .section(&globals)
        .section(&exports)
        .section(&elements)
        .section(&code)
        .section(&data);
    module.finish()
}

/// A module whose `(start)` function calls `name`.
fn start_module(name: &str, params: &str, results: &str) -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function(params.chars().map(val).collect::<Vec<_>>(), results.chars().map(val).collect::<Vec<_>>());
    types.ty().function([], []);
    let mut imports = ImportSection::new();
    imports.import("ic0", name, EntityType::Function(0));
    let mut functions = FunctionSection::new();
    functions.function(1);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut f = Function::new([]);
    for c in params.chars() {
        f.instruction(&if c == 'l' { I::I64Const(0) } else { I::I32Const(0) });
    }
    f.instruction(&I::Call(0));
    for _ in results.chars() {
        f.instruction(&I::Drop);
    }
    f.instruction(&I::End);
    let mut code = CodeSection::new();
    code.function(&f);
    let mut module = Module::new();
    module.section(&types).section(&imports).section(&functions).section(&memories).section(&StartSection { function_index: 1 }).section(&code);
    module.finish()
}

/// How an attempt ended: ran, refused by the availability check, or trapped for another reason.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Seen {
    Ran,
    Refused,
    OtherTrap,
    /// Observed through a flag: it did not run to the end, for whatever reason.
    DidNotRun,
}

fn seen_from<T>(result: Result<T, devnet::RejectResponse>) -> Seen {
    match result {
        Ok(_) => Seen::Ran,
        Err(e) if e.message.contains("cannot be executed in") => Seen::Refused,
        Err(_) => Seen::OtherTrap,
    }
}

/// Whether the execution logged "ran" (it got past the call) since `before` log lines.
fn ran_since(devnet: &Devnet, id: Principal, before: usize) -> Seen {
    let logs = devnet.canister_logs(id);
    if logs.iter().skip(before).any(|l| l.content == b"ran") {
        Seen::Ran
    } else {
        Seen::DidNotRun
    }
}

#[test]
fn every_ic0_function_is_available_exactly_where_the_spec_says() {
    let devnet = Devnet::builder().fees(Fees::free()).build();
    let controller = user(1);
    let mut failures = Vec::new();
    let mut cells = 0;
    for (name, params, results, contexts) in spec_table() {
        let allowed: BTreeSet<&str> = contexts.split_whitespace().collect();
        let id = devnet.create_canister(controller);
        let module = probe_module(id, name, params, results);
        devnet.install_code(id, module.clone(), vec![], controller).unwrap_or_else(|e| panic!("{name}: install: {e}"));
        let call = |method: &str| devnet.update_call(id, controller, method, vec![]);
        let query = |method: &str| devnet.query_call(id, controller, method, vec![]);
        let mut observed: Vec<(&str, Seen)> = vec![
            ("I", seen_from(devnet.reinstall_code(id, module.clone(), vec![1], controller))),
            ("U", seen_from(call("u"))),
            ("RQ", seen_from(call("q"))),
            ("NRQ", seen_from(query("q"))),
            ("CQ", seen_from(query("cq"))),
            ("Ry", seen_from(call("ry"))),
            ("Rt", seen_from(call("rt"))),
            ("CRy", seen_from(query("cry"))),
            ("CRt", seen_from(query("crt"))),
        ];
        let logged = |devnet: &Devnet| devnet.canister_logs(id).len();
        let before = logged(&devnet);
        let _ = call("c");
        observed.push(("C", ran_since(&devnet, id, before)));
        let before = logged(&devnet);
        let _ = query("cc");
        observed.push(("CC", ran_since(&devnet, id, before)));
        let before = logged(&devnet);
        call("arm_t").unwrap();
        devnet.tick();
        observed.push(("T", ran_since(&devnet, id, before)));
        call("arm_g").unwrap();
        observed.push(("G", seen_from(devnet.upgrade_canister(id, module.clone(), vec![], controller))));
        call("arm_f").unwrap();
        observed.push(("F", seen_from(call("inspect_test"))));
        let start = devnet.create_canister(controller);
        observed.push(("s", seen_from(devnet.install_code(start, start_module(name, params, results), vec![], controller))));

        for (context, seen) in observed {
            let expected_to_run = allowed.contains(context);
            let by_flag = matches!(context, "C" | "CC" | "T");
            if by_flag && expected_to_run && TRAP_ANYWAY.contains(&name) {
                continue;
            }
            cells += 1;
            let may_trap = TRAP_ANYWAY.contains(&name) || RESPOND.contains(&name);
            let ok = match (expected_to_run, seen) {
                (true, Seen::Ran) => true,
                (true, Seen::OtherTrap) => may_trap,
                (false, Seen::Refused) => true,
                (false, Seen::DidNotRun) => by_flag,
                _ => false,
            };
            if !ok {
                failures.push(format!("{name} in {context}: spec {}, devnet {seen:?}", if expected_to_run { "allows" } else { "forbids" }));
            }
        }
    }
    assert!(cells > 900, "the table covers {cells} cells");
    assert!(failures.is_empty(), "{} cells differ from the spec:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn debug_print_never_traps_and_msg_reject_requires_utf8() {
    // debug_print of a range outside memory logs a placeholder instead of trapping (spec,
    // "Debugging aids"); msg_reject with invalid UTF-8 traps (spec, "Responding").
    let devnet = Devnet::builder().fees(Fees::free()).build();
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, print_and_reject_module(), vec![], user(1)).unwrap();
    devnet.update_call(id, user(1), "print_out_of_bounds", vec![]).expect("debug_print does not trap");
    let logs = devnet.canister_logs(id);
    assert!(String::from_utf8_lossy(&logs.last().unwrap().content).contains("outside the canister's memory"));
    let err = devnet.update_call(id, user(1), "reject_invalid_utf8", vec![]).unwrap_err();
    assert!(err.message.contains("not valid UTF-8"), "{}", err.message);
    let err = devnet.update_call(id, user(1), "reject_valid", vec![]).unwrap_err();
    assert_eq!(err.code, devnet::RejectCode::CanisterReject);
    assert_eq!(err.message, "no");
}

fn print_and_reject_module() -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32, ValType::I32], []);
    types.ty().function([], []);
    let mut imports = ImportSection::new();
    imports.import("ic0", "debug_print", EntityType::Function(0));
    imports.import("ic0", "msg_reject", EntityType::Function(0));
    imports.import("ic0", "msg_reply", EntityType::Function(1));
    let mut functions = FunctionSection::new();
    let mut exports = ExportSection::new();
    let mut code = CodeSection::new();
    let bodies: [(&str, Vec<I>); 3] = [
        ("print_out_of_bounds", vec![I::I32Const(65_530), I::I32Const(100), I::Call(0), I::Call(2)]),
        ("reject_invalid_utf8", vec![I::I32Const(0), I::I32Const(2), I::Call(1)]),
        ("reject_valid", vec![I::I32Const(2), I::I32Const(2), I::Call(1)]),
    ];
    for (i, (name, ins)) in bodies.iter().enumerate() {
        functions.function(1);
        let mut f = Function::new([]);
        for i in ins {
            f.instruction(i);
        }
        f.instruction(&I::End);
        code.function(&f);
        exports.export(&format!("canister_update {name}"), ExportKind::Func, 3 + i as u32);
    }
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut data = wasm_encoder::DataSection::new();
    data.active(0, &ConstExpr::i32_const(0), [0xff, 0xfe, b'n', b'o']);
    let mut module = Module::new();
    module.section(&types).section(&imports).section(&functions).section(&memories).section(&exports).section(&code).section(&data);
    module.finish()
}

