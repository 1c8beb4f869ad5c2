//! The test that keeps a canister's `<name>.did` equal to the interface its code exports. One test per
//! canister calls `assert_did_matches(&crate::candid_interface(), "<name>.did")`.
//!
//! `WRITE_DID=1 cargo test -p <crate> did` rewrites the file from the code. It refuses a change that is
//! not backward compatible (a client built against the old file would break) unless `WRITE_DID=breaking`,
//! and after writing it parses the file back and checks it is the exported service, so the written
//! interface is one Candid tools read as the code means it.

use candid_parser::utils::{service_compatible, service_equal, CandidSource};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Fail when the file differs from the code.
    Check,
    /// Rewrite the file when the change is backward compatible.
    Write,
    /// Rewrite the file whatever the change.
    WriteBreaking,
}

impl Mode {
    pub fn from_env() -> Mode {
        match std::env::var("WRITE_DID").as_deref() {
            Ok("breaking") => Mode::WriteBreaking,
            Ok(_) => Mode::Write,
            Err(_) => Mode::Check,
        }
    }
}

/// `did` relative to the calling crate's manifest directory, e.g. `"token_factory.did"`.
#[track_caller]
pub fn assert_did_matches(exported: &str, manifest_dir: &str, did: &str) {
    let path = Path::new(manifest_dir).join(did);
    if let Err(problem) = check_did(exported, &path, Mode::from_env()) {
        panic!("{problem}");
    }
}

/// The one interface test of a canister: its `.did` matches the code and every method of the `.did` has
/// an ingress rule.
#[track_caller]
pub fn assert_interface(exported: &str, manifest_dir: &str, did: &str, ingress: &[crate::inspect::IngressRule]) {
    assert_did_matches(exported, manifest_dir, did);
    let missing = crate::inspect::methods_without_rule(ingress, exported);
    assert!(missing.is_empty(), "methods without an ingress rule: {missing:?}");
}

pub fn check_did(exported: &str, path: &Path, mode: Mode) -> Result<(), String> {
    let name = path.display();
    let exported_source = CandidSource::Text(exported);
    if mode == Mode::Check {
        return service_equal(exported_source, CandidSource::File(path)).map_err(|e| {
            format!(
                "{name} differs from the interface the code exports: {e}\n\
                 Run `WRITE_DID=1 cargo test -p <crate> did` to rewrite it. The code exports:\n{exported}"
            )
        });
    }
    if mode == Mode::Write && path.exists() {
        service_compatible(CandidSource::Text(exported), CandidSource::File(path)).map_err(|e| {
            format!("the new interface would break clients of {name}: {e}\nUse WRITE_DID=breaking if that is intended.")
        })?;
    }
    std::fs::write(path, exported).map_err(|e| format!("writing {name}: {e}"))?;
    service_equal(CandidSource::Text(exported), CandidSource::File(path))
        .map_err(|e| format!("{name} as written does not read back as the exported interface: {e}"))
}

/// The method names of a `.did` text's service.
pub fn method_names(did: &str) -> Vec<String> {
    let (_init, (env, service)) = candid_parser::utils::instantiate_candid(CandidSource::Text(did))
        .unwrap_or_else(|e| panic!("the .did does not parse: {e}"));
    env.as_service(&service)
        .unwrap_or_else(|e| panic!("the .did has no service: {e}"))
        .iter()
        .map(|(name, _)| name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const V1: &str = "service : { get : () -> (nat) query }";
    const V1_RENAMED: &str = "type N = nat; service : { get : () -> (N) query }";
    const V2_COMPATIBLE: &str = "service : { get : () -> (nat) query; put : (nat) -> () }";
    const V3_BREAKING: &str = "service : { get : () -> (text) query }";

    fn file(text: &str) -> (tempdir::Dir, PathBuf) {
        let dir = tempdir::Dir::new();
        let path = dir.0.join("x.did");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                use std::sync::atomic::{AtomicU32, Ordering};
                static N: AtomicU32 = AtomicU32::new(0);
                let n = N.fetch_add(1, Ordering::Relaxed);
                let dir = std::env::temp_dir().join(format!("did-check-{}-{n}", std::process::id()));
                std::fs::create_dir_all(&dir).unwrap();
                Dir(dir)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn check_accepts_an_equal_interface_and_refuses_a_different_one() {
        let (_dir, path) = file(V1_RENAMED);
        assert_eq!(check_did(V1, &path, Mode::Check), Ok(()));
        let problem = check_did(V2_COMPATIBLE, &path, Mode::Check).unwrap_err();
        assert!(problem.contains("differs"), "{problem}");
    }

    #[test]
    fn write_rewrites_compatible_changes_and_refuses_breaking_ones() {
        let (_dir, path) = file(V1);
        check_did(V2_COMPATIBLE, &path, Mode::Write).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), V2_COMPATIBLE);
        let problem = check_did(V3_BREAKING, &path, Mode::Write).unwrap_err();
        assert!(problem.contains("break"), "{problem}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), V2_COMPATIBLE, "nothing written");
        check_did(V3_BREAKING, &path, Mode::WriteBreaking).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), V3_BREAKING);
    }

    #[test]
    fn write_fails_when_the_export_does_not_read_back() {
        let (_dir, path) = file(V1);
        assert!(check_did("service : { get : () -> (undefined_type) }", &path, Mode::WriteBreaking).is_err());
    }

    #[test]
    fn lists_method_names() {
        assert_eq!(method_names(V2_COMPATIBLE), vec!["get".to_string(), "put".to_string()]);
        assert_eq!(method_names("service : (nat) -> { a : () -> () }"), vec!["a".to_string()]);
    }
}
