//! Hand-assembled (non-Rust) modules: the deprecated 32-bit stable memory API (its memory persists
//! across calls) and `canister_heartbeat`, which runs on every tick.
mod common;

use common::user;
use devnet::Devnet;
use wasm_encoder::{
    CodeSection, ConstExpr, DataSection, EntityType, ExportKind, ExportSection, Function, FunctionSection,
    ImportSection, Instruction as I, MemorySection, MemoryType, Module, TypeSection, ValType,
};

/// `canister_update roundtrip`: grows stable memory by one page if empty, writes "hello" at offset 10,
/// reads it back and replies with it followed by the stable size in pages (one byte).
fn legacy_stable_module() -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], [ValType::I32]); // 0: stable_grow
    types.ty().function([ValType::I32, ValType::I32, ValType::I32], []); // 1: stable_write/read
    types.ty().function([], [ValType::I32]); // 2: stable_size
    types.ty().function([ValType::I32, ValType::I32], []); // 3: msg_reply_data_append
    types.ty().function([], []); // 4: msg_reply, the method
    let mut imports = ImportSection::new();
    imports.import("ic0", "stable_grow", EntityType::Function(0)); // func 0
    imports.import("ic0", "stable_write", EntityType::Function(1)); // func 1
    imports.import("ic0", "stable_read", EntityType::Function(1)); // func 2
    imports.import("ic0", "stable_size", EntityType::Function(2)); // func 3
    imports.import("ic0", "msg_reply_data_append", EntityType::Function(3)); // func 4
    imports.import("ic0", "msg_reply", EntityType::Function(4)); // func 5
    let mut functions = FunctionSection::new();
    functions.function(4); // func 6
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut exports = ExportSection::new();
    exports.export("memory", ExportKind::Memory, 0);
    exports.export("canister_update roundtrip", ExportKind::Func, 6);
    let mut body = Function::new([]);
    for ins in [
        I::Call(3),
        I::I32Eqz,
        I::If(wasm_encoder::BlockType::Empty),
        I::I32Const(1),
        I::Call(0),
        I::Drop,
        I::End,
        I::I32Const(10),
        I::I32Const(0),
        I::I32Const(5),
        I::Call(1),
        I::I32Const(100),
        I::I32Const(10),
        I::I32Const(5),
        I::Call(2),
        I::I32Const(105),
        I::Call(3),
        I::I32Store8(wasm_encoder::MemArg { offset: 0, align: 0, memory_index: 0 }),
        I::I32Const(100),
        I::I32Const(6),
        I::Call(4),
        I::Call(5),
        I::End,
    ] {
        body.instruction(&ins);
    }
    let mut code = CodeSection::new();
    code.function(&body);
    let mut data = DataSection::new();
    data.active(0, &ConstExpr::i32_const(0), b"hello".iter().copied());
    let mut module = Module::new();
    module
        .section(&types)
        .section(&imports)
        .section(&functions)
        .section(&memories)
        .section(&exports)
        .section(&code)
        .section(&data);
    module.finish()
}

#[test]
fn deprecated_32_bit_stable_api_works() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, legacy_stable_module(), vec![], user(1)).unwrap();
    for _ in 0..2 {
        let reply = devnet.update_call(id, user(1), "roundtrip", vec![]).unwrap();
        assert_eq!(reply, b"hello\x01", "read back what it wrote; one stable page (grown once)");
    }
    let stable = devnet.stable_memory(id).unwrap();
    assert_eq!(stable.len(), 65536);
    assert_eq!(&stable[10..15], b"hello");
}

/// `canister_heartbeat` increments byte 0 of memory; `canister_query get` replies with it.
fn heartbeat_module() -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32, ValType::I32], []); // 0: msg_reply_data_append
    types.ty().function([], []); // 1: msg_reply and the exports
    let mut imports = ImportSection::new();
    imports.import("ic0", "msg_reply_data_append", EntityType::Function(0)); // func 0
    imports.import("ic0", "msg_reply", EntityType::Function(1)); // func 1
    let mut functions = FunctionSection::new();
    functions.function(1); // func 2: heartbeat
    functions.function(1); // func 3: get
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut exports = ExportSection::new();
    exports.export("memory", ExportKind::Memory, 0);
    exports.export("canister_heartbeat", ExportKind::Func, 2);
    exports.export("canister_query get", ExportKind::Func, 3);
    let byte = wasm_encoder::MemArg { offset: 0, align: 0, memory_index: 0 };
    let mut heartbeat = Function::new([]);
    for ins in [I::I32Const(0), I::I32Const(0), I::I32Load8U(byte), I::I32Const(1), I::I32Add, I::I32Store8(byte), I::End] {
        heartbeat.instruction(&ins);
    }
    let mut get = Function::new([]);
    for ins in [I::I32Const(0), I::I32Const(1), I::Call(0), I::Call(1), I::End] {
        get.instruction(&ins);
    }
    let mut code = CodeSection::new();
    code.function(&heartbeat).function(&get);
    let mut module = Module::new();
    module.section(&types).section(&imports).section(&functions).section(&memories).section(&exports).section(&code);
    module.finish()
}

#[test]
fn heartbeat_runs_on_every_tick() {
    let devnet = Devnet::new();
    let id = devnet.create_canister(user(1));
    devnet.install_code(id, heartbeat_module(), vec![], user(1)).unwrap();
    assert_eq!(devnet.query_call(id, user(1), "get", vec![]).unwrap(), vec![0]);
    for _ in 0..3 {
        devnet.tick();
    }
    assert_eq!(devnet.query_call(id, user(1), "get", vec![]).unwrap(), vec![3]);
}
