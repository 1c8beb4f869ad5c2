//! Gzipped canister modules are accepted, as on the IC.
use std::io::Read;

/// Upper bound for a decompressed module, as a guard against gzip bombs (the IC allows 100 MiB).
pub const MAX_DECOMPRESSED_WASM: usize = 100 * 1024 * 1024;

/// Returns the raw wasm: gunzips input that starts with the gzip magic, returns other input unchanged.
pub fn decompress_if_gzipped(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_DECOMPRESSED_WASM as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("invalid gzipped wasm module: {e}"))?;
    if out.len() > MAX_DECOMPRESSED_WASM {
        return Err(format!("decompressed wasm module exceeds {MAX_DECOMPRESSED_WASM} bytes"));
    }
    Ok(out)
}
