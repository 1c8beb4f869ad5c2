//! Instruction accounting as the replica meters it (`rs/embedders/src/wasm_utils/instrumentation.rs`
//! for per-instruction costs and basic blocks; `system_api_complexity::overhead` for system calls;
//! one instruction per byte copied; 1 000 per stable memory page dirtied), on hand-assembled
//! modules whose exact counts can be worked out by hand.
mod common;

use common::user;
use devnet::{Devnet, Fees};
use wasm_encoder::{
    BlockType, CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection,
    Instruction as I, MemorySection, MemoryType, Module, TypeSection, ValType,
};

/// Imports: 0 msg_reply, 1 msg_reply_data_append, 2 stable64_grow, 3 stable64_write.
/// Exports one update method per body.
fn module(bodies: &[(&str, Vec<(u32, ValType)>, Vec<I<'static>>)]) -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function([], []);
    types.ty().function([ValType::I32, ValType::I32], []);
    types.ty().function([ValType::I64], [ValType::I64]);
    types.ty().function([ValType::I64; 3], []);
    let mut imports = ImportSection::new();
    imports.import("ic0", "msg_reply", EntityType::Function(0));
    imports.import("ic0", "msg_reply_data_append", EntityType::Function(1));
    imports.import("ic0", "stable64_grow", EntityType::Function(2));
    imports.import("ic0", "stable64_write", EntityType::Function(3));
    let mut functions = FunctionSection::new();
    let mut exports = ExportSection::new();
    let mut code = CodeSection::new();
    for (i, (name, locals, body)) in bodies.iter().enumerate() {
        functions.function(0);
        exports.export(&format!("canister_update {name}"), ExportKind::Func, 4 + i as u32);
        let mut f = Function::new(locals.clone());
        for ins in body {
            f.instruction(ins);
        }
        code.function(&f);
    }
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut module = Module::new();
    module.section(&types).section(&imports).section(&functions).section(&memories).section(&exports).section(&code);
    module.finish()
}

fn run(devnet: &Devnet, wasm: &[u8], method: &str) -> u64 {
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, wasm.to_vec(), vec![], user(1)).unwrap();
    devnet.update_call(id, user(1), method, vec![]).unwrap();
    devnet.last_instructions()
}

#[test]
fn a_loop_costs_what_the_replica_charges() {
    // (local i32) loop { local.get 0; i32.const 1; i32.add; local.tee 0; i32.const 10; i32.lt_u; br_if 0 } msg_reply
    let body = vec![
        I::Loop(BlockType::Empty),
        I::LocalGet(0),
        I::I32Const(1),
        I::I32Add,
        I::LocalTee(0),
        I::I32Const(10),
        I::I32LtU,
        I::BrIf(0),
        I::End,
        I::Call(0),
        I::End,
    ];
    let devnet = Devnet::builder().fees(Fees::free()).build();
    let instructions = run(&devnet, &module(&[("count", vec![(1, ValType::I32)], body)]), "count");
    // Function entry 1 (+ loop 0); loop body 1+1+1+1+1+1+2 = 8, ten times; after the loop: end 0,
    // call 5, end 0; msg_reply's overhead 500.
    assert_eq!(instructions, 1 + 10 * 8 + 5 + 500);
}

#[test]
fn division_costs_ten_and_system_calls_cost_their_overhead_plus_bytes() {
    let body = vec![
        I::I32Const(7),
        I::I32Const(2),
        I::I32DivU,
        I::Drop,
        I::I32Const(0),
        I::I32Const(1_000),
        I::Call(1),
        I::Call(0),
        I::End,
    ];
    let devnet = Devnet::builder().fees(Fees::free()).build();
    let instructions = run(&devnet, &module(&[("divide", vec![], body)]), "divide");
    // 1 (entry) + 1 + 1 + 10 + 1 + 1 + 1 + 5 + 5; msg_reply_data_append 500 + 1 000 bytes; msg_reply 500.
    assert_eq!(instructions, 1 + 1 + 1 + 10 + 1 + 1 + 1 + 5 + 5 + (500 + 1_000) + 500);
}

#[test]
fn stable_writes_cost_their_bytes_and_each_newly_dirtied_page() {
    let body = vec![
        I::I64Const(1),
        I::Call(2),
        I::Drop,
        I::I64Const(0),
        I::I64Const(0),
        I::I64Const(8_192),
        I::Call(3),
        I::I64Const(100),
        I::I64Const(0),
        I::I64Const(16),
        I::Call(3),
        I::Call(0),
        I::End,
    ];
    let devnet = Devnet::builder().fees(Fees::free()).build();
    let instructions = run(&devnet, &module(&[("write", vec![], body)]), "write");
    let wasm = 1 + 1 + 5 + 1 + 3 + 5 + 3 + 5 + 5;
    // stable64_grow 500; first write 20 + 8 192 bytes + 2 new pages; second write 20 + 16 bytes,
    // its page already dirty; msg_reply 500.
    assert_eq!(instructions, wasm + 500 + (20 + 8_192 + 2 * 1_000) + (20 + 16) + 500);
}

#[test]
fn the_instruction_limit_stops_a_loop_that_never_ends() {
    let body = vec![I::Loop(BlockType::Empty), I::Br(0), I::End, I::End];
    let devnet = Devnet::builder().fees(Fees::free()).instruction_limits(1_000_000, 1_000_000).build();
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, module(&[("spin", vec![], body)]), vec![], user(1)).unwrap();
    let err = devnet.update_call(id, user(1), "spin", vec![]).unwrap_err();
    assert_eq!(err.error_code.as_deref(), Some("IC0522"), "{err}");
    assert!(err.message.contains("exceeded the limit of 1000000 instructions"), "{}", err.message);
}
