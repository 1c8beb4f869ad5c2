//! Uploads a build directory to the assets canister: each file identity-encoded, plus gzip where smaller,
//! in chunks below the ingress limit; then one commit publishes them all.
use crate::network::{self, Network};
use anyhow::{anyhow, bail, Context};
use candid::Principal;
use flate2::{write::GzEncoder, Compression};
use icto_shared::assets::{AssetError, CommitArgs, CommitSummary, StoreChunk, ENCODING_GZIP, ENCODING_IDENTITY, MAX_FILE_BYTES};
use std::io::Write;
use std::path::Path;

const CHUNK_BYTES: usize = 1_800_000;

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Every file under `dir` as (URL path, bytes), plus extra generated files.
pub fn collect(dir: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).with_context(|| format!("reading {}", current.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
            if relative.starts_with('.') {
                continue; // trunk's lock file and the like
            }
            files.push((format!("/{relative}"), std::fs::read(&path)?));
        }
    }
    files.sort();
    Ok(files)
}

async fn store<N: Network>(net: &N, assets: Principal, path: &str, encoding: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let chunks: Vec<&[u8]> = if bytes.is_empty() { vec![&[][..]] } else { bytes.chunks(CHUNK_BYTES).collect() };
    for (index, chunk) in chunks.into_iter().enumerate() {
        let arg = StoreChunk {
            path: path.into(),
            content_type: content_type(path).into(),
            content_encoding: encoding.into(),
            chunk_index: index as u32,
            chunk: chunk.to_vec(),
        };
        let (stored,): (Result<(), AssetError>,) = network::update(net, assets, "store", (arg,)).await?;
        stored.map_err(|e| anyhow!("store {path}: {e:?}"))?;
    }
    Ok(())
}

/// The encodings a file is stored in: identity, plus gzip where smaller; gzip alone for a file larger than
/// the canister serves unencoded in one reply (the app's wasm as it grows).
fn encodings(path: &str, bytes: &[u8]) -> anyhow::Result<Vec<(&'static str, Vec<u8>)>> {
    let compressed = gzip(bytes)?;
    let smaller = compressed.len() < bytes.len();
    if bytes.len() as u64 <= MAX_FILE_BYTES {
        let mut out = vec![(ENCODING_IDENTITY, bytes.to_vec())];
        if smaller {
            out.push((ENCODING_GZIP, compressed));
        }
        Ok(out)
    } else if smaller && compressed.len() as u64 <= MAX_FILE_BYTES {
        Ok(vec![(ENCODING_GZIP, compressed)])
    } else {
        bail!("{path} is {} bytes ({} gzipped): the assets canister serves at most {MAX_FILE_BYTES}", bytes.len(), compressed.len())
    }
}

pub async fn upload<N: Network>(net: &N, assets: Principal, files: &[(String, Vec<u8>)]) -> anyhow::Result<CommitSummary> {
    if !files.iter().any(|(path, _)| path == "/index.html") {
        bail!("the app build has no index.html: run scripts/build-app");
    }
    for (path, bytes) in files {
        for (encoding, content) in encodings(path, bytes)? {
            store(net, assets, path, encoding, &content).await?;
        }
    }
    let (committed,): (Result<CommitSummary, AssetError>,) =
        network::update(net, assets, "commit", (CommitArgs { remove_missing: true },)).await?;
    committed.map_err(|e| anyhow!("commit: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("/index.html"), "text/html");
        assert_eq!(content_type("/icto-app-1a_bg.wasm"), "application/wasm");
        assert_eq!(content_type("/icto-app-1a.js"), "text/javascript");
        assert_eq!(content_type("/config.json"), "application/json");
        assert_eq!(content_type("/LICENSE"), "application/octet-stream");
    }

    #[test]
    fn files_above_one_reply_are_stored_gzip_only() {
        let kinds = |bytes: &[u8]| encodings("/f", bytes).map(|e| e.into_iter().map(|(k, _)| k).collect::<Vec<_>>());
        assert_eq!(kinds(b"tiny").unwrap(), vec![ENCODING_IDENTITY], "gzip only where smaller");
        assert_eq!(kinds(&vec![b'a'; 10_000]).unwrap(), vec![ENCODING_IDENTITY, ENCODING_GZIP]);
        let large = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        assert_eq!(kinds(&large).unwrap(), vec![ENCODING_GZIP]);
        // Too large even gzipped (bytes that do not compress).
        let mut state = 1u64;
        let noise: Vec<u8> = (0..MAX_FILE_BYTES + 1)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (state >> 56) as u8
            })
            .collect();
        assert!(kinds(&noise).is_err());
    }
}
