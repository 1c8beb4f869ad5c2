//! Spec tests: the rules a canister module must follow (interface spec, "WebAssembly module
//! requirements"; docs/references/resource-limits, "Wasm module limits"). Each broken rule fails
//! the install with IC0505 and a message naming it; the canister stays empty.
mod common;

use common::user;
use devnet::{Devnet, Fees};
use wasm_encoder::{
    CodeSection, CustomSection, ExportKind, ExportSection, Function, FunctionSection, Instruction as I, MemorySection,
    MemoryType, Module, TypeSection, ValType,
};
use std::borrow::Cow;

/// A module exporting `exports` (function name, takes an i32?) plus `customs` sections.
fn module(exports: &[(&str, bool)], customs: &[(&str, &[u8])], memories: &[bool]) -> Vec<u8> {
    let mut types = TypeSection::new();
    types.ty().function([], []);
    types.ty().function([ValType::I32], []);
    let mut functions = FunctionSection::new();
    let mut export_section = ExportSection::new();
    let mut code = CodeSection::new();
    for (i, (name, takes_i32)) in exports.iter().enumerate() {
        functions.function(*takes_i32 as u32);
        export_section.export(name, ExportKind::Func, i as u32);
        let mut f = Function::new([]);
        f.instruction(&I::End);
        code.function(&f);
    }
    let mut memory_section = MemorySection::new();
    for memory64 in memories {
        memory_section.memory(MemoryType { minimum: 1, maximum: None, memory64: *memory64, shared: false, page_size_log2: None });
    }
    let mut m = Module::new();
    m.section(&types).section(&functions);
    if !memories.is_empty() {
        m.section(&memory_section);
    }
    m.section(&export_section).section(&code);
    for (name, data) in customs {
        m.section(&CustomSection { name: Cow::Borrowed(name), data: Cow::Borrowed(data) });
    }
    m.finish()
}

fn install(devnet: &Devnet, wasm: Vec<u8>) -> Result<(), devnet::RejectResponse> {
    let id = devnet.create_canister(user(1));
    let result = devnet.install_code(id, wasm, vec![], user(1));
    if result.is_err() {
        assert_eq!(devnet.module_hash(id), None, "a refused module leaves the canister empty");
    }
    result
}

fn refused(devnet: &Devnet, wasm: Vec<u8>, why: &str) {
    let err = install(devnet, wasm).unwrap_err();
    assert_eq!(err.error_code.as_deref(), Some("IC0505"), "{err}");
    assert!(err.message.contains(why), "expected {why:?} in: {}", err.message);
}

#[test]
fn modules_breaking_the_ics_rules_are_refused_naming_the_rule() {
    let devnet = Devnet::builder().fees(Fees::free()).build();
    install(&devnet, module(&[("canister_update ok", false), ("helper", true)], &[("icp:public candid:service", b"service : {}")], &[false]))
        .expect("a module that follows the rules installs");
    refused(&devnet, module(&[("canister_foo", false)], &[], &[]), "reserved for the IC's entry points");
    refused(&devnet, module(&[("canister_update m", false), ("canister_query m", false)], &[], &[]), "exported more than once");
    refused(&devnet, module(&[("canister_update m", true)], &[], &[]), "must have type () -> ()");
    refused(&devnet, module(&[("canister_init", true)], &[], &[]), "must have type () -> ()");
    refused(&devnet, module(&[], &[("icp:public a", b""), ("icp:private a", b"")], &[]), "both icp:public and icp:private");
    refused(&devnet, module(&[], &[("icp:other a", b"")], &[]), "neither 'icp:public <name>' nor 'icp:private <name>'");
    let names: Vec<String> = (0..17).map(|i| format!("icp:public s{i}")).collect();
    let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), b"x".as_slice())).collect();
    refused(&devnet, module(&[], &many, &[]), "more than the 16 allowed");
    let big = vec![0u8; 1024 * 1024 + 1];
    refused(&devnet, module(&[], &[("icp:private big", &big)], &[]), "more than the 1048576 allowed");
    let methods: Vec<String> = (0..1001).map(|i| format!("canister_query m{i}")).collect();
    let exports: Vec<(&str, bool)> = methods.iter().map(|n| (n.as_str(), false)).collect();
    refused(&devnet, module(&exports, &[], &[]), "more than the 1000 allowed");
    let err = install(&devnet, module(&[], &[], &[true])).unwrap_err();
    assert!(err.message.contains("64-bit memory"), "{}", err.message);
}
