//! Where canister wasm built by `scripts/build-canisters` is found: `$ICTO_WASM_DIR/<name>.<ext>`, else
//! `<workspace>/target/canisters/<name>.<ext>`.

use std::path::PathBuf;

pub fn dir() -> PathBuf {
    std::env::var_os("ICTO_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/canisters"))
}

pub fn path(name: &str, ext: &str) -> PathBuf {
    dir().join(format!("{name}.{ext}"))
}

/// The optimised wasm of canister `name`; panics with the command that builds it when it is missing.
pub fn built(name: &str) -> Vec<u8> {
    read(name, "wasm")
}

/// The gzipped wasm of canister `name`.
pub fn built_gz(name: &str) -> Vec<u8> {
    read(name, "wasm.gz")
}

fn read(name: &str, ext: &str) -> Vec<u8> {
    let path = path(name, ext);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run scripts/build-canisters {name}", path.display()))
}

/// `module` with a custom section appended: the same canister with another hash (a "new version").
pub fn with_custom_section(mut module: Vec<u8>, name: &str, payload: &[u8]) -> Vec<u8> {
    let mut section = leb128(name.len() as u64);
    section.extend_from_slice(name.as_bytes());
    section.extend_from_slice(payload);
    module.push(0);
    module.extend(leb128(section.len() as u64));
    module.extend(section);
    module
}

fn leb128(mut n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_sections_are_appended_with_leb128_sizes() {
        let module = b"\0asm\x01\0\0\0".to_vec();
        let small = with_custom_section(module.clone(), "x", b"ab");
        assert_eq!(&small[8..], &[0, 4, 1, b'x', b'a', b'b']);
        let large = with_custom_section(module, "x", &[7; 300]);
        assert_eq!(&large[8..11], &[0, 0xae, 0x02], "302 bytes as LEB128");
    }

    #[test]
    fn the_wasm_dir_follows_the_environment() {
        assert!(path("token", "wasm").ends_with("token.wasm"));
    }
}
