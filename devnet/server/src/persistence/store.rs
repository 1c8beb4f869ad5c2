//! The state directory's layout:
//! - `snapshot/manifest.cbor`: clock, id counters, root secret key, `raw_rand` state, the calls in
//!   flight (queued messages, call contexts, callbacks) and the canister file names;
//! - `snapshot/canister-<sha256>.cbor`: one canister each, content-addressed, so an unchanged
//!   canister is not rewritten; written before the manifest that names them, removed after it.
//! - `node_key.bin`: the node's Ed25519 seed (query signatures);
//! - `root_key.der`: the root public key, for tools and app configs.

use super::files::write_atomically;
use anyhow::{bail, Context};
use devnet::persistence::{CanisterSnapshot, DevnetSnapshot, InFlight};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    secret_key: [u8; 32],
    time_nanos: u64,
    next_canister_index: u64,
    next_id: u64,
    canister_files: Vec<String>,
    #[serde(default)]
    in_flight: InFlight,
    #[serde(default)]
    raw_rand: Option<([u8; 32], u64)>,
    #[serde(default)]
    last_allocation_charge: u64,
}

/// `Manifest` as written: borrows the in-flight state instead of cloning it.
#[derive(Serialize)]
struct ManifestRef<'a> {
    format: u32,
    secret_key: [u8; 32],
    time_nanos: u64,
    next_canister_index: u64,
    next_id: u64,
    canister_files: Vec<String>,
    in_flight: &'a InFlight,
    raw_rand: Option<([u8; 32], u64)>,
    last_allocation_charge: u64,
}

pub struct StateStore {
    dir: PathBuf,
}

impl StateStore {
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        fs::create_dir_all(dir.join("snapshot")).with_context(|| format!("creating state directory {}", dir.display()))?;
        Ok(Self { dir: dir.to_path_buf() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn root_key_path(&self) -> PathBuf {
        self.dir.join("root_key.der")
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join("snapshot").join("manifest.cbor")
    }

    /// The node key's seed, created on first use.
    pub fn node_seed(&self) -> anyhow::Result<[u8; 32]> {
        let path = self.dir.join("node_key.bin");
        if let Ok(bytes) = fs::read(&path) {
            return bytes.try_into().map_err(|_| anyhow::anyhow!("{} is not a 32-byte seed", path.display()));
        }
        let seed: [u8; 32] = rand::random();
        write_atomically(&path, &seed)?;
        Ok(seed)
    }

    pub fn load(&self) -> anyhow::Result<Option<DevnetSnapshot>> {
        let bytes = match fs::read(self.manifest_path()) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).context("reading the snapshot manifest"),
        };
        let manifest: Manifest = serde_cbor::from_slice(&bytes).context("decoding the snapshot manifest")?;
        let Manifest { format, secret_key, time_nanos, next_canister_index, next_id, canister_files, in_flight, raw_rand, last_allocation_charge } =
            manifest;
        let mut canisters = Vec::with_capacity(canister_files.len());
        for name in &canister_files {
            let bytes = fs::read(self.dir.join("snapshot").join(name)).with_context(|| format!("reading {name}"))?;
            if hex::encode(Sha256::digest(&bytes)) != name.trim_start_matches("canister-").trim_end_matches(".cbor") {
                bail!("snapshot file {name} does not match its hash (corrupted)");
            }
            let canister: CanisterSnapshot = serde_cbor::from_slice(&bytes).with_context(|| format!("decoding {name}"))?;
            canisters.push(canister);
        }
        Ok(Some(DevnetSnapshot {
            format,
            secret_key,
            time_nanos,
            next_canister_index,
            next_id,
            canisters,
            in_flight,
            raw_rand,
            last_allocation_charge,
        }))
    }

    /// Writes the snapshot: new canister files first, then the manifest (the commit point), then
    /// removes files no manifest names any more.
    pub fn save(&self, snapshot: &DevnetSnapshot) -> anyhow::Result<()> {
        let snapshot_dir = self.dir.join("snapshot");
        let mut names = Vec::with_capacity(snapshot.canisters.len());
        for canister in &snapshot.canisters {
            let bytes = serde_cbor::to_vec(canister).context("encoding a canister snapshot")?;
            let name = format!("canister-{}.cbor", hex::encode(Sha256::digest(&bytes)));
            let path = snapshot_dir.join(&name);
            if !path.exists() {
                write_atomically(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            }
            names.push(name);
        }
        let manifest = ManifestRef {
            format: snapshot.format,
            secret_key: snapshot.secret_key,
            time_nanos: snapshot.time_nanos,
            next_canister_index: snapshot.next_canister_index,
            next_id: snapshot.next_id,
            canister_files: names.clone(),
            in_flight: &snapshot.in_flight,
            raw_rand: snapshot.raw_rand,
            last_allocation_charge: snapshot.last_allocation_charge,
        };
        write_atomically(&self.manifest_path(), &serde_cbor::to_vec(&manifest)?).context("writing the manifest")?;
        let keep: BTreeSet<String> = names.into_iter().chain(["manifest.cbor".to_string()]).collect();
        for entry in fs::read_dir(&snapshot_dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !keep.contains(&name) && !name.starts_with('.') {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use devnet::Devnet;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("devnet-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn saves_and_loads_a_devnet_with_a_canister() {
        let dir = temp_dir("roundtrip");
        let store = StateStore::open(&dir).unwrap();
        assert!(store.load().unwrap().is_none());
        let devnet = Devnet::new();
        let canister = devnet.create_canister(candid::Principal::anonymous());
        store.save(&devnet.snapshot().unwrap()).unwrap();
        store.save(&devnet.snapshot().unwrap()).unwrap();
        let restored = Devnet::from_snapshot(store.load().unwrap().unwrap(), false).unwrap();
        assert!(restored.canister_exists(canister));
        assert_eq!(restored.root_key_der(), devnet.root_key_der());
        let files = fs::read_dir(dir.join("snapshot")).unwrap().count();
        assert_eq!(files, 2, "one manifest and one canister file; unchanged canisters are not duplicated");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_corrupted_canister_file_is_reported() {
        let dir = temp_dir("corrupt");
        let store = StateStore::open(&dir).unwrap();
        let devnet = Devnet::new();
        devnet.create_canister(candid::Principal::anonymous());
        store.save(&devnet.snapshot().unwrap()).unwrap();
        let file = fs::read_dir(dir.join("snapshot")).unwrap().flatten().find(|e| e.file_name().to_string_lossy().starts_with("canister-")).unwrap();
        fs::write(file.path(), b"torn").unwrap();
        let err = store.load().err().expect("corruption is detected");
        assert!(format!("{err:#}").contains("does not match its hash"), "{err:#}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
