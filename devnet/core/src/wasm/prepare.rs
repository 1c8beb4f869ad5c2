//! Rewrites a canister module so the host can reach what Rust canisters keep private:
//! the function table (`call_new` passes callbacks as table indices) and the mutable globals
//! (e.g. `__stack_pointer`, restored when an execution traps). Everything else is copied verbatim.
use wasm_encoder::{ExportKind, ExportSection, Module, RawSection};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef};

pub const TABLE_EXPORT: &str = "__devnet_table";
pub const MEMORY_EXPORT: &str = "__devnet_memory";
pub const GLOBAL_EXPORT_PREFIX: &str = "__devnet_global_";

/// A module ready to compile, with what the host needs to know about it.
#[derive(Clone, Debug)]
pub struct PreparedModule {
    pub wasm: Vec<u8>,
    /// Export names of the mutable globals, in index order.
    pub mutable_globals: Vec<String>,
    pub has_table: bool,
    pub has_memory: bool,
    /// `(module, name)` of every function import.
    pub function_imports: Vec<(String, String)>,
}

const EXPORT_SECTION_ID: u8 = 7;
/// Sections that must follow the export section.
const AFTER_EXPORT: [u8; 5] = [8, 9, 12, 10, 11];

pub fn prepare_module(wasm: &[u8]) -> Result<PreparedModule, String> {
    let mut sections: Vec<(u8, std::ops::Range<usize>)> = Vec::new();
    let mut existing_exports: Vec<(String, ExternalKind, u32)> = Vec::new();
    let mut imported_globals = 0u32;
    let mut mutable_global_indices = Vec::new();
    let mut has_table = false;
    let mut has_memory = false;
    let mut function_imports = Vec::new();

    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("invalid wasm module: {e}"))?;
        match &payload {
            Payload::ImportSection(reader) => {
                for import in reader.clone().into_imports() {
                    let import = import.map_err(|e| format!("invalid wasm module: {e}"))?;
                    match import.ty {
                        TypeRef::Global(_) => imported_globals += 1,
                        TypeRef::Table(_) => has_table = true,
                        TypeRef::Memory(_) => has_memory = true,
                        TypeRef::Func(_) | TypeRef::FuncExact(_) => {
                            function_imports.push((import.module.to_string(), import.name.to_string()))
                        }
                        TypeRef::Tag(_) => {}
                    }
                }
            }
            Payload::TableSection(reader) => has_table |= reader.count() > 0,
            Payload::MemorySection(reader) => has_memory |= reader.count() > 0,
            Payload::GlobalSection(reader) => {
                for (i, global) in reader.clone().into_iter().enumerate() {
                    let global = global.map_err(|e| format!("invalid wasm module: {e}"))?;
                    if global.ty.mutable {
                        mutable_global_indices.push(imported_globals + i as u32);
                    }
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader.clone() {
                    let export = export.map_err(|e| format!("invalid wasm module: {e}"))?;
                    existing_exports.push((export.name.to_string(), export.kind, export.index));
                }
            }
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            sections.push((id, range));
        }
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

    let mut module = Module::new();
    let mut exports_written = false;
    for (id, range) in sections {
        if id == EXPORT_SECTION_ID {
            module.section(&exports);
            exports_written = true;
            continue;
        }
        if !exports_written && AFTER_EXPORT.contains(&id) {
            module.section(&exports);
            exports_written = true;
        }
        module.section(&RawSection { id, data: &wasm[range] });
    }
    if !exports_written {
        module.section(&exports);
    }
    Ok(PreparedModule { wasm: module.finish(), mutable_globals, has_table, has_memory, function_imports })
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
