//! A factory's wasm templates in stable memory: an admin uploads a module in chunks (begin with its
//! SHA-256 and size, chunks, commit checks both), each commit becomes the next version (1, 2, ...) with a
//! label, an optional semver (which must rise) and release notes. Deploys take the newest version or
//! one named by hash. Access checks are the factory's: call these after them.

use crate::memory::Memory;
use crate::storable::Candid;
use candid::{CandidType, Deserialize};
use ic_stable_structures::{Cell, StableBTreeMap};
use icto_shared::kit::KitError;
use icto_shared::template::{TemplateInfo, TemplateUploadBegin};
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplateLimits {
    pub max_template_bytes: u64,
    pub max_chunk_bytes: usize,
    pub max_label_chars: usize,
    pub max_release_notes_chars: usize,
}

impl TemplateLimits {
    /// Modules up to the IC's 100 MiB (installed in chunks above one message); chunks under the 2 MiB
    /// ingress limit.
    pub const DEFAULT: TemplateLimits = TemplateLimits {
        max_template_bytes: 100 * 1024 * 1024,
        max_chunk_bytes: 1_900_000,
        max_label_chars: 64,
        max_release_notes_chars: 10_000,
    };

    /// The default limits with a factory's module and chunk sizes.
    pub const fn sized(max_template_bytes: u64, max_chunk_bytes: usize) -> TemplateLimits {
        TemplateLimits { max_template_bytes, max_chunk_bytes, ..TemplateLimits::DEFAULT }
    }
}

/// The upload in progress. Fields after `chunks` were added later, hence `Option`.
#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct UploadSession {
    pub version: u32,
    #[serde(with = "serde_bytes")]
    pub sha256: Vec<u8>,
    pub total_size: u64,
    pub label: String,
    pub received: u64,
    pub chunks: u32,
    pub semver: Option<String>,
    pub release_notes: Option<String>,
}

pub struct TemplateStore {
    /// version -> its record.
    versions: StableBTreeMap<u32, Candid<TemplateInfo>, Memory>,
    /// (version, chunk index) -> bytes; the module is the chunks in order.
    chunks: StableBTreeMap<(u32, u32), Vec<u8>, Memory>,
    upload: Cell<Candid<Option<UploadSession>>, Memory>,
    limits: TemplateLimits,
}

/// `MAJOR.MINOR.PATCH` as numbers, for ordering.
pub fn parse_semver(text: &str) -> Result<(u64, u64, u64), KitError> {
    let bad = || KitError::InvalidArgument(format!("{:.32} is not a MAJOR.MINOR.PATCH version", text));
    let mut parts = text.split('.').map(|p| if p.is_empty() || p.len() > 9 || !p.bytes().all(|b| b.is_ascii_digit()) { Err(bad()) } else { p.parse::<u64>().map_err(|_| bad()) });
    let version = (
        parts.next().ok_or_else(bad)??,
        parts.next().ok_or_else(bad)??,
        parts.next().ok_or_else(bad)??,
    );
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(version)
}

impl TemplateStore {
    pub fn init(versions: Memory, chunks: Memory, upload: Memory, limits: TemplateLimits) -> TemplateStore {
        TemplateStore {
            versions: StableBTreeMap::init(versions),
            chunks: StableBTreeMap::init(chunks),
            upload: Cell::init(upload, Candid(None)),
            limits,
        }
    }

    pub fn begin(&mut self, args: TemplateUploadBegin) -> Result<(), KitError> {
        let limits = self.limits;
        if args.sha256.len() != 32 {
            return Err(KitError::InvalidArgument("sha256 must be 32 bytes".into()));
        }
        if args.total_size == 0 || args.total_size > limits.max_template_bytes {
            return Err(KitError::UploadTooLarge { max_bytes: limits.max_template_bytes });
        }
        if args.label.chars().count() > limits.max_label_chars {
            return Err(KitError::InvalidArgument(format!("label exceeds {} characters", limits.max_label_chars)));
        }
        if args.release_notes.as_ref().is_some_and(|n| n.chars().count() > limits.max_release_notes_chars) {
            return Err(KitError::InvalidArgument(format!(
                "release notes exceed {} characters",
                limits.max_release_notes_chars
            )));
        }
        if let Some(semver) = &args.semver {
            let new = parse_semver(semver)?;
            if let Some(highest) = self.highest_semver() {
                if new <= highest {
                    return Err(KitError::InvalidArgument(format!(
                        "version {semver} is not above {}.{}.{}",
                        highest.0, highest.1, highest.2
                    )));
                }
            }
        }
        // A new upload replaces an unfinished one.
        if let Some(old) = self.upload_in_progress() {
            self.remove_chunks(old.version);
        }
        let version = self.latest_version().map_or(1, |v| v + 1);
        self.upload.set(Candid(Some(UploadSession {
            version,
            sha256: args.sha256,
            total_size: args.total_size,
            label: args.label,
            received: 0,
            chunks: 0,
            semver: args.semver,
            release_notes: args.release_notes,
        })));
        Ok(())
    }

    /// Appends a chunk; returns the bytes received so far.
    pub fn chunk(&mut self, bytes: Vec<u8>) -> Result<u64, KitError> {
        if bytes.len() > self.limits.max_chunk_bytes {
            return Err(KitError::ChunkTooLarge { max_bytes: self.limits.max_chunk_bytes as u64 });
        }
        let mut session = self.upload_in_progress().ok_or(KitError::UploadNotStarted)?;
        let received = session.received + bytes.len() as u64;
        if received > session.total_size {
            return Err(KitError::UploadTooLarge { max_bytes: session.total_size });
        }
        self.chunks.insert((session.version, session.chunks), bytes);
        session.received = received;
        session.chunks += 1;
        self.upload.set(Candid(Some(session)));
        Ok(received)
    }

    /// Checks size and SHA-256 and makes the upload the newest version.
    pub fn commit(&mut self, now: u64) -> Result<TemplateInfo, KitError> {
        let session = self.upload_in_progress().ok_or(KitError::UploadNotStarted)?;
        let bytes = self.bytes(session.version);
        let actual: Vec<u8> = Sha256::digest(&bytes).to_vec();
        if bytes.len() as u64 != session.total_size || actual != session.sha256 {
            return Err(KitError::HashMismatch { expected: session.sha256, actual });
        }
        let info = TemplateInfo {
            version: session.version,
            sha256: session.sha256,
            size: session.total_size,
            label: session.label,
            uploaded_at: now,
            semver: session.semver,
            release_notes: session.release_notes,
        };
        self.versions.insert(info.version, Candid(info.clone()));
        self.upload.set(Candid(None));
        Ok(info)
    }

    pub fn upload_in_progress(&self) -> Option<UploadSession> {
        self.upload.get().0.clone()
    }

    /// Restores an upload in progress (for a canister moving its upload state into this store).
    pub fn resume_upload(&mut self, session: UploadSession) {
        self.upload.set(Candid(Some(session)));
    }

    pub fn latest(&self) -> Option<TemplateInfo> {
        self.versions.last_key_value().map(|(_, info)| info.0)
    }

    fn latest_version(&self) -> Option<u32> {
        self.versions.last_key_value().map(|(version, _)| version)
    }

    fn highest_semver(&self) -> Option<(u64, u64, u64)> {
        self.versions.iter().filter_map(|e| e.value().0.semver.and_then(|s| parse_semver(&s).ok())).max()
    }

    pub fn get(&self, version: u32) -> Option<TemplateInfo> {
        self.versions.get(&version).map(|c| c.0)
    }

    pub fn find_by_sha256(&self, sha256: &[u8]) -> Option<TemplateInfo> {
        self.versions.iter().map(|e| e.value().0).find(|info| info.sha256 == sha256)
    }

    /// The template by hash, or the newest when no hash is given.
    pub fn resolve(&self, sha256: Option<&[u8]>) -> Result<TemplateInfo, KitError> {
        match sha256 {
            Some(hash) => self.find_by_sha256(hash).ok_or(KitError::TemplateNotFound),
            None => self.latest().ok_or(KitError::NoTemplate),
        }
    }

    /// Every version, oldest first.
    pub fn list(&self) -> Vec<TemplateInfo> {
        self.versions.iter().map(|e| e.value().0).collect()
    }

    /// The module of `version`, its chunks concatenated in order.
    pub fn bytes(&self, version: u32) -> Vec<u8> {
        let mut out = Vec::new();
        for entry in self.chunks.range((version, 0)..=(version, u32::MAX)) {
            out.extend_from_slice(&entry.value());
        }
        out
    }

    fn remove_chunks(&mut self, version: u32) {
        let keys: Vec<(u32, u32)> = self.chunks.keys_range((version, 0)..=(version, u32::MAX)).collect();
        for key in keys {
            self.chunks.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};

    fn store(limits: TemplateLimits) -> TemplateStore {
        TemplateStore::init(get(Id::new(210)), get(Id::new(211)), get(Id::new(212)), limits)
    }

    fn begin_args(bytes: &[u8], label: &str, semver: Option<&str>) -> TemplateUploadBegin {
        TemplateUploadBegin {
            sha256: Sha256::digest(bytes).to_vec(),
            total_size: bytes.len() as u64,
            label: label.into(),
            semver: semver.map(String::from),
            release_notes: Some(format!("notes for {label}")),
        }
    }

    fn upload(s: &mut TemplateStore, bytes: &[u8], label: &str, semver: Option<&str>) -> Result<TemplateInfo, KitError> {
        s.begin(begin_args(bytes, label, semver))?;
        for chunk in bytes.chunks(3) {
            s.chunk(chunk.to_vec())?;
        }
        s.commit(7)
    }

    const SMALL: TemplateLimits =
        TemplateLimits { max_template_bytes: 64, max_chunk_bytes: 8, max_label_chars: 8, max_release_notes_chars: 100 };

    #[test]
    fn uploads_are_chunked_size_and_hash_checked_and_versioned() {
        let mut s = store(SMALL);
        assert_eq!(s.chunk(vec![1]), Err(KitError::UploadNotStarted));
        assert_eq!(s.commit(1), Err(KitError::UploadNotStarted));
        let mut wrong = begin_args(b"abcd", "v", None);
        wrong.sha256 = vec![0; 32];
        s.begin(wrong).unwrap();
        s.chunk(b"abcd".to_vec()).unwrap();
        assert_eq!(s.chunk(vec![5]), Err(KitError::UploadTooLarge { max_bytes: 4 }));
        assert_eq!(s.chunk(vec![0; 9]), Err(KitError::ChunkTooLarge { max_bytes: 8 }));
        assert!(matches!(s.commit(1), Err(KitError::HashMismatch { .. })));

        let v1 = upload(&mut s, b"first wasm", "v1", Some("1.0.0")).unwrap();
        let v2 = upload(&mut s, b"second wasm!", "v2", Some("1.2.0")).unwrap();
        assert_eq!((v1.version, v2.version), (1, 2), "the unfinished upload left no version");
        assert_eq!(v2.release_notes.as_deref(), Some("notes for v2"));
        assert_eq!(v2.uploaded_at, 7);
        assert_eq!(s.latest(), Some(v2.clone()));
        assert_eq!(s.resolve(None), Ok(v2.clone()));
        assert_eq!(s.resolve(Some(&v1.sha256)), Ok(v1.clone()));
        assert_eq!(s.resolve(Some(&[9; 32])), Err(KitError::TemplateNotFound));
        assert_eq!(s.bytes(1), b"first wasm");
        assert_eq!(s.list(), vec![v1, v2]);
    }

    #[test]
    fn announcements_are_checked_before_anything_is_stored() {
        let mut s = store(SMALL);
        assert_eq!(s.resolve(None), Err(KitError::NoTemplate));
        let too_big = TemplateUploadBegin { total_size: 65, ..begin_args(b"x", "v", None) };
        assert_eq!(s.begin(too_big), Err(KitError::UploadTooLarge { max_bytes: 64 }));
        let empty = TemplateUploadBegin { total_size: 0, ..begin_args(b"x", "v", None) };
        assert_eq!(s.begin(empty), Err(KitError::UploadTooLarge { max_bytes: 64 }));
        let short_hash = TemplateUploadBegin { sha256: vec![1; 31], ..begin_args(b"x", "v", None) };
        assert!(matches!(s.begin(short_hash), Err(KitError::InvalidArgument(_))));
        assert!(matches!(s.begin(begin_args(b"x", "a long label", None)), Err(KitError::InvalidArgument(_))));
        for bad in ["1.0", "1.0.0.0", "1.x.0", "", "1..2", "-1.0.0"] {
            assert!(matches!(s.begin(begin_args(b"x", "v", Some(bad))), Err(KitError::InvalidArgument(_))), "{bad}");
        }
        assert_eq!(s.upload_in_progress(), None);
        upload(&mut s, b"one", "v1", Some("2.0.0")).unwrap();
        for not_above in ["2.0.0", "1.9.9"] {
            assert!(matches!(s.begin(begin_args(b"x", "v", Some(not_above))), Err(KitError::InvalidArgument(_))));
        }
        upload(&mut s, b"two", "v2", None).unwrap();
        assert!(upload(&mut s, b"three", "v3", Some("2.0.10")).is_ok(), "compared as numbers");
    }
}
