//! Module validation with the IC's rules and limits (interface spec, "WebAssembly module
//! requirements"; docs/references/resource-limits, "Wasm module limits").
use std::collections::{BTreeMap, BTreeSet};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef, Validator, WasmFeatures};

pub const MAX_FUNCTIONS: usize = 50_000;
pub const MAX_GLOBALS: usize = 1_000;
pub const MAX_CUSTOM_SECTIONS: usize = 16;
pub const MAX_CUSTOM_SECTIONS_BYTES: usize = 1024 * 1024;
pub const MAX_EXPORTED_METHODS: usize = 1_000;
pub const MAX_EXPORTED_NAME_BYTES: usize = 20_000;
pub const MAX_INSTRUCTIONS_PER_FUNCTION: usize = 1_000_000;
pub const MAX_CODE_SECTION_BYTES: usize = 10 * 1024 * 1024;

/// Entry points with a fixed name; each must have type `() -> ()`.
const SYSTEM_EXPORTS: [&str; 7] = [
    "canister_init",
    "canister_inspect_message",
    "canister_pre_upgrade",
    "canister_post_upgrade",
    "canister_heartbeat",
    "canister_global_timer",
    "canister_on_low_wasm_memory",
];
const METHOD_PREFIXES: [&str; 3] = ["canister_update ", "canister_query ", "canister_composite_query "];

/// The wasm features a canister may use: WebAssembly 2.0 plus tail calls. Devnet's system API is
/// 32-bit, so 64-bit memories are refused (the IC accepts them).
fn features() -> WasmFeatures {
    WasmFeatures::WASM2 | WasmFeatures::TAIL_CALL
}

fn invalid(message: impl std::fmt::Display) -> String {
    format!("Wasm module is invalid: {message}")
}

/// Checks `wasm` (decompressed) against the IC's rules; the error names the rule broken.
pub fn validate_module(wasm: &[u8]) -> Result<(), String> {
    Validator::new_with_features(features()).validate_all(wasm).map_err(|e| {
        if e.message().contains("memory64") {
            "Wasm module has a 64-bit memory: devnet supports 32-bit memories only".to_string()
        } else {
            invalid(e)
        }
    })?;
    let mut types: Vec<(usize, usize)> = Vec::new();
    let mut function_types: Vec<u32> = Vec::new();
    let mut imported_functions = 0u32;
    let mut memories = 0usize;
    let mut exports: Vec<(String, u32)> = Vec::new();
    let mut icp_sections: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut icp_bytes = 0usize;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(invalid)? {
            Payload::TypeSection(reader) => {
                for ty in reader.into_iter_err_on_gc_types() {
                    let ty = ty.map_err(invalid)?;
                    types.push((ty.params().len(), ty.results().len()));
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    match import.map_err(invalid)?.ty {
                        TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                            imported_functions += 1;
                            function_types.push(t);
                        }
                        TypeRef::Memory(_) => memories += 1,
                        _ => {}
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                if reader.count() as usize > MAX_FUNCTIONS {
                    return Err(invalid(format!("it declares {} functions, more than the {MAX_FUNCTIONS} allowed", reader.count())));
                }
                for ty in reader {
                    function_types.push(ty.map_err(invalid)?);
                }
            }
            Payload::MemorySection(reader) => memories += reader.count() as usize,
            Payload::GlobalSection(reader) => {
                if reader.count() as usize > MAX_GLOBALS {
                    return Err(invalid(format!("it declares {} globals, more than the {MAX_GLOBALS} allowed", reader.count())));
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(invalid)?;
                    if export.kind == ExternalKind::Func {
                        exports.push((export.name.to_string(), export.index));
                    } else if export.name.starts_with("canister_") {
                        return Err(invalid(format!("it exports '{}', which is not a function", export.name)));
                    }
                }
            }
            Payload::CodeSectionStart { size, .. } => {
                if size as usize > MAX_CODE_SECTION_BYTES {
                    return Err(invalid(format!("its code section has {size} bytes, more than the {MAX_CODE_SECTION_BYTES} allowed")));
                }
            }
            Payload::CodeSectionEntry(body) => {
                let mut reader = body.get_operators_reader().map_err(invalid)?;
                let mut count = 0usize;
                while !reader.eof() {
                    reader.read().map_err(invalid)?;
                    count += 1;
                    if count > MAX_INSTRUCTIONS_PER_FUNCTION {
                        return Err(invalid(format!(
                            "a function has more than the {MAX_INSTRUCTIONS_PER_FUNCTION} instructions allowed"
                        )));
                    }
                }
            }
            Payload::CustomSection(reader) => {
                let name = reader.name();
                if let Some(rest) = name.strip_prefix("icp:") {
                    let (visibility, short) = if let Some(n) = rest.strip_prefix("public ") {
                        ("public", n)
                    } else if let Some(n) = rest.strip_prefix("private ") {
                        ("private", n)
                    } else {
                        return Err(invalid(format!("custom section '{name}' starts with 'icp:' but is neither 'icp:public <name>' nor 'icp:private <name>'")));
                    };
                    if let Some(other) = icp_sections.insert(short.to_string(), visibility) {
                        return Err(invalid(format!("custom section '{short}' is declared both icp:{other} and icp:{visibility}")));
                    }
                    icp_bytes += short.len() + reader.data().len();
                }
            }
            _ => {}
        }
    }
    if memories > 1 {
        return Err(invalid(format!("it declares {memories} memories; at most one is allowed")));
    }
    if icp_sections.len() > MAX_CUSTOM_SECTIONS {
        return Err(invalid(format!("it has {} icp: custom sections, more than the {MAX_CUSTOM_SECTIONS} allowed", icp_sections.len())));
    }
    if icp_bytes > MAX_CUSTOM_SECTIONS_BYTES {
        return Err(invalid(format!("its icp: custom sections total {icp_bytes} bytes, more than the {MAX_CUSTOM_SECTIONS_BYTES} allowed")));
    }
    let _ = imported_functions;
    let mut methods = BTreeSet::new();
    let mut name_bytes = 0usize;
    for (name, index) in &exports {
        if !name.starts_with("canister_") {
            continue;
        }
        let method = METHOD_PREFIXES.iter().find_map(|p| name.strip_prefix(p));
        if method.is_none() && !SYSTEM_EXPORTS.contains(&name.as_str()) {
            return Err(invalid(format!("it exports '{name}': names starting with 'canister_' are reserved for the IC's entry points")));
        }
        let ty = function_types.get(*index as usize).and_then(|t| types.get(*t as usize));
        if ty != Some(&(0, 0)) {
            return Err(invalid(format!("the exported function '{name}' must have type () -> ()")));
        }
        if let Some(method) = method {
            if !methods.insert(method.to_string()) {
                return Err(invalid(format!("the method '{method}' is exported more than once (as update, query or composite query)")));
            }
            name_bytes += method.len();
        }
    }
    if methods.len() > MAX_EXPORTED_METHODS {
        return Err(invalid(format!("it exports {} methods, more than the {MAX_EXPORTED_METHODS} allowed", methods.len())));
    }
    if name_bytes > MAX_EXPORTED_NAME_BYTES {
        return Err(invalid(format!("its method names total {name_bytes} bytes, more than the {MAX_EXPORTED_NAME_BYTES} allowed")));
    }
    Ok(())
}
