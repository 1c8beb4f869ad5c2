//! Where the tool may deploy. It signs with a fixed development key and funds test users, so it runs
//! only against a network on this machine (a loopback host) unless told `--network ic` together with
//! `--identity <pem file>`; everything else is refused before any request is sent.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use url::{Host, Url};

/// The network the operator says they mean (`--network`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum NetworkKind {
    /// A devnet or replica on this machine: the development deployer key and test users.
    #[default]
    Local,
    /// The Internet Computer: an operator's own identity, never the development key.
    Ic,
}

/// A deploy the rules allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Local,
    Ic { identity: PathBuf },
}

/// Checks the URL and the flags together; the error says what to change.
pub fn check(url: &str, network: NetworkKind, identity: Option<&Path>) -> Result<Target, String> {
    let parsed = Url::parse(url).map_err(|e| format!("--url {url} is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("--url {url}: only http and https are supported"));
    }
    let host = parsed.host().ok_or_else(|| format!("--url {url} names no host"))?;
    match network {
        NetworkKind::Local => {
            if !is_loopback(&host) {
                return Err(format!(
                    "--url {url} is not on this machine (loopback: 127.0.0.0/8, ::1, localhost); the local deploy \
                     signs with a public development key. To deploy to the IC, pass --network ic --identity <pem file>"
                ));
            }
            if identity.is_some() {
                return Err("--identity is for --network ic; a local deploy signs with the development deployer key".into());
            }
            Ok(Target::Local)
        }
        NetworkKind::Ic => {
            let identity = identity.ok_or("--network ic needs --identity <pem file> (the development key is never used there)")?;
            if !identity.is_file() {
                return Err(format!("--identity {}: no such file", identity.display()));
            }
            Ok(Target::Ic { identity: identity.to_path_buf() })
        }
    }
}

/// 127.0.0.0/8, ::1 and `localhost` (the URL parser lowercases domain names).
fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => *name == "localhost",
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(url: &str) -> Result<Target, String> {
        check(url, NetworkKind::Local, None)
    }

    #[test]
    fn a_local_deploy_accepts_only_loopback_hosts() {
        for url in ["http://127.0.0.1:4943", "http://127.8.9.10:8080/", "http://[::1]:4943", "http://localhost:4943", "http://LOCALHOST"] {
            assert_eq!(local(url), Ok(Target::Local), "{url}");
        }
        for url in [
            "https://icp-api.io",
            "https://ic0.app",
            "http://10.0.0.5:4943",
            "http://192.168.1.2:4943",
            "http://0.0.0.0:4943",
            "http://[::]:4943",
            "http://[::ffff:8.8.8.8]:4943",
            "http://localhost.example.org:4943",
            "http://127.0.0.1.nip.io:4943",
            "http://128.0.0.1",
        ] {
            let refused = local(url).unwrap_err();
            assert!(refused.contains("--network ic --identity"), "{url}: {refused}");
        }
    }

    #[test]
    fn urls_that_do_not_parse_or_are_not_http_are_refused() {
        assert!(local("127.0.0.1:4943").is_err());
        assert!(local("ftp://127.0.0.1").unwrap_err().contains("http"));
        assert!(local("not a url").is_err());
    }

    #[test]
    fn the_ic_needs_an_identity_file() {
        let refused = check("https://icp-api.io", NetworkKind::Ic, None).unwrap_err();
        assert!(refused.contains("--identity"), "{refused}");
        let missing = Path::new("/nonexistent/operator.pem");
        assert!(check("https://icp-api.io", NetworkKind::Ic, Some(missing)).unwrap_err().contains("no such file"));

        let dir = std::env::temp_dir().join(format!("icto-target-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pem = dir.join("operator.pem");
        std::fs::write(&pem, "-----BEGIN PRIVATE KEY-----\n").unwrap();
        assert_eq!(check("https://icp-api.io", NetworkKind::Ic, Some(&pem)), Ok(Target::Ic { identity: pem.clone() }));
        // A directory is not an identity file.
        assert!(check("https://icp-api.io", NetworkKind::Ic, Some(&dir)).is_err());
        // The development key's flags do not mix with an operator identity.
        assert!(check("http://127.0.0.1:4943", NetworkKind::Local, Some(&pem)).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
