//! Files only their owner may read (keys the tool writes): created with mode 0600 from the start, so
//! there is no moment when another user could open them.

use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` readable and writable by the owner only, replacing any file there. The
/// bytes go to a new file beside it (created 0600) that is then renamed over `path`: an existing file
/// keeps its old mode when opened, so it is never written in place.
pub fn write(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let name = path.file_name().with_context(|| format!("{} is not a file path", path.display()))?;
    let partial = path.with_file_name(format!(".{}.{}.partial", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = open_private(&partial)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.with_context(|| format!("writing {}", path.display()))
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn keys_are_written_owner_only_also_over_a_readable_file() {
        let dir = std::env::temp_dir().join(format!("icto-private-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = dir.join("deployer.pem");

        write(&key, b"first").unwrap();
        assert_eq!(mode(&key), 0o600);
        assert_eq!(std::fs::read(&key).unwrap(), b"first");

        // A file someone left world-readable is replaced, not written in place.
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&key, b"second").unwrap();
        assert_eq!(mode(&key), 0o600);
        assert_eq!(std::fs::read(&key).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no partial file left behind");

        assert!(write(&dir.join("missing-dir").join("k.pem"), b"x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
