//! Rewrites a (validated) canister module for the host: exports what Rust canisters keep private
//! (the function table, which `call_new` indexes; the memory; the mutable globals such as
//! `__stack_pointer`, restored when an execution traps), and meters every function body with the
//! IC's instruction costs (`instrument`) against an injected counter global. Other sections are
//! copied verbatim.
use wasm_encoder::reencode::{utils, RoundtripReencoder};
use wasm_encoder::{CodeSection, ConstExpr, ExportKind, ExportSection, GlobalSection, GlobalType, Module, RawSection, ValType};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef};

use crate::wasm::instrument::{instrument_body, Metering};

pub const TABLE_EXPORT: &str = "__devnet_table";
pub const MEMORY_EXPORT: &str = "__devnet_memory";
pub const GLOBAL_EXPORT_PREFIX: &str = "__devnet_global_";
/// The injected instruction counter (i64, counts down).
pub const COUNTER_EXPORT: &str = "__devnet_instructions";
/// The module's `(start)` function, exported so the host runs it after instantiation (as the
/// replica does with `canister_start`), when the memory and the system API are reachable.
pub const START_EXPORT: &str = "__devnet_start";
/// Instructions the `(start)` function may use.
pub const START_INSTRUCTION_LIMIT: i64 = 5_000_000_000;

/// A module ready to compile, with what the host needs to know about it.
#[derive(Clone, Debug)]
pub struct PreparedModule {
    pub wasm: Vec<u8>,
    /// Export names of the mutable globals, in index order.
    pub mutable_globals: Vec<String>,
    pub has_start: bool,
    /// `(module, name)` of every function import.
    pub function_imports: Vec<(String, String)>,
}

const GLOBAL_SECTION_ID: u8 = 6;
const EXPORT_SECTION_ID: u8 = 7;
const START_SECTION_ID: u8 = 8;
const CODE_SECTION_ID: u8 = 10;
/// Sections that must follow the global section / the export section.
const AFTER_GLOBAL: [u8; 6] = [7, 8, 9, 12, 10, 11];
const AFTER_EXPORT: [u8; 5] = [8, 9, 12, 10, 11];

fn invalid(e: impl std::fmt::Display) -> String {
    format!("invalid wasm module: {e}")
}

pub fn prepare_module(wasm: &[u8]) -> Result<PreparedModule, String> {
    let mut sections: Vec<(u8, std::ops::Range<usize>)> = Vec::new();
    let mut existing_exports: Vec<(String, ExternalKind, u32)> = Vec::new();
    let mut imported_globals = 0u32;
    let mut mutable_global_indices = Vec::new();
    let mut globals = GlobalSection::new();
    let mut global_count = 0u32;
    let mut has_table = false;
    let mut has_memory = false;
    let mut memory64 = false;
    let mut function_imports = Vec::new();
    let mut param_counts: Vec<u32> = Vec::new();
    let mut function_types: Vec<u32> = Vec::new();
    let mut bodies = Vec::new();
    let mut start = None;

    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(invalid)?;
        match &payload {
            Payload::TypeSection(reader) => {
                for ty in reader.clone().into_iter_err_on_gc_types() {
                    param_counts.push(ty.map_err(invalid)?.params().len() as u32);
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.clone().into_imports() {
                    let import = import.map_err(invalid)?;
                    match import.ty {
                        TypeRef::Global(_) => imported_globals += 1,
                        TypeRef::Table(_) => has_table = true,
                        TypeRef::Memory(m) => {
                            has_memory = true;
                            memory64 |= m.memory64;
                        }
                        TypeRef::Func(_) | TypeRef::FuncExact(_) => {
                            function_imports.push((import.module.to_string(), import.name.to_string()))
                        }
                        TypeRef::Tag(_) => {}
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader.clone() {
                    function_types.push(ty.map_err(invalid)?);
                }
            }
            Payload::TableSection(reader) => has_table |= reader.count() > 0,
            Payload::MemorySection(reader) => {
                for memory in reader.clone() {
                    has_memory = true;
                    memory64 |= memory.map_err(invalid)?.memory64;
                }
            }
            Payload::GlobalSection(reader) => {
                for (i, global) in reader.clone().into_iter().enumerate() {
                    let global = global.map_err(invalid)?;
                    if global.ty.mutable {
                        mutable_global_indices.push(imported_globals + i as u32);
                    }
                    utils::parse_global(&mut RoundtripReencoder, &mut globals, global).map_err(invalid)?;
                    global_count += 1;
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader.clone() {
                    let export = export.map_err(invalid)?;
                    existing_exports.push((export.name.to_string(), export.kind, export.index));
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body.clone()),
            Payload::StartSection { func, .. } => start = Some(*func),
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            sections.push((id, range));
        }
    }

    // The counter is the last global, so no existing global index changes.
    let counter = imported_globals + global_count;
    globals.global(
        GlobalType { val_type: ValType::I64, mutable: true, shared: false },
        &ConstExpr::i64_const(START_INSTRUCTION_LIMIT),
    );
    let metering = Metering { counter, memory64 };
    let mut code = CodeSection::new();
    for (i, body) in bodies.iter().enumerate() {
        let type_index = *function_types.get(i).ok_or_else(|| invalid("more function bodies than functions"))?;
        let params = *param_counts.get(type_index as usize).ok_or_else(|| invalid("function type out of range"))?;
        code.function(&instrument_body(body, params, &metering)?);
    }

    let mut exports = ExportSection::new();
    for (name, kind, index) in &existing_exports {
        exports.export(name, export_kind(*kind)?, *index);
    }
    if has_table {
        exports.export(TABLE_EXPORT, ExportKind::Table, 0);
    }
    if has_memory {
        exports.export(MEMORY_EXPORT, ExportKind::Memory, 0);
    }
    let mut mutable_globals = Vec::new();
    for index in mutable_global_indices {
        let name = format!("{GLOBAL_EXPORT_PREFIX}{index}");
        exports.export(&name, ExportKind::Global, index);
        mutable_globals.push(name);
    }
    exports.export(COUNTER_EXPORT, ExportKind::Global, counter);
    if let Some(func) = start {
        exports.export(START_EXPORT, ExportKind::Func, func);
    }

    let mut module = Module::new();
    let (mut globals_written, mut exports_written) = (false, false);
    for (id, range) in sections {
        if !globals_written && (id == GLOBAL_SECTION_ID || AFTER_GLOBAL.contains(&id)) {
            module.section(&globals);
            globals_written = true;
            if id == GLOBAL_SECTION_ID {
                continue;
            }
        }
        if !exports_written && (id == EXPORT_SECTION_ID || AFTER_EXPORT.contains(&id)) {
            module.section(&exports);
            exports_written = true;
            if id == EXPORT_SECTION_ID {
                continue;
            }
        }
        if id == CODE_SECTION_ID {
            module.section(&code);
            continue;
        }
        if id == START_SECTION_ID {
            continue;
        }
        module.section(&RawSection { id, data: &wasm[range] });
    }
    if !globals_written {
        module.section(&globals);
    }
    if !exports_written {
        module.section(&exports);
    }
    Ok(PreparedModule { wasm: module.finish(), mutable_globals, has_start: start.is_some(), function_imports })
}

fn export_kind(kind: ExternalKind) -> Result<ExportKind, String> {
    Ok(match kind {
        ExternalKind::Func | ExternalKind::FuncExact => ExportKind::Func,
        ExternalKind::Table => ExportKind::Table,
        ExternalKind::Memory => ExportKind::Memory,
        ExternalKind::Global => ExportKind::Global,
        ExternalKind::Tag => ExportKind::Tag,
    })
}
