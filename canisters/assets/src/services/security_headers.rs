//! Security headers of every served file, all certified (the HTTP gateway passes on certified headers
//! only). The Content-Security-Policy allows no inline script except the ones index.html carries, each
//! by its SHA-256 hash (trunk's loader), so it is computed from the uploaded index.html at each commit.
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Where the app may connect: its own origin (devnet answers the IC API there) and the IC's API hosts.
const CONNECT_SRC: &str = "'self' https://icp-api.io https://icp0.io https://*.icp0.io";

/// The CSP for an app whose index.html is `index_html`.
pub fn content_security_policy(index_html: &[u8]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for script in inline_scripts(&String::from_utf8_lossy(index_html)) {
        script_src.push_str(&format!(" 'sha256-{}'", BASE64.encode(Sha256::digest(script.as_bytes()))));
    }
    format!(
        "default-src 'none'; script-src {script_src}; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src {CONNECT_SRC}; manifest-src 'self'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'; object-src 'none'"
    )
}

/// `(name, value)` headers every response carries.
pub fn headers(csp: &str) -> Vec<(String, String)> {
    vec![
        ("content-security-policy".into(), csp.to_string()),
        ("x-content-type-options".into(), "nosniff".into()),
        ("referrer-policy".into(), "same-origin".into()),
        // The encoding depends on Accept-Encoding: caches must key on it.
        ("vary".into(), "Accept-Encoding".into()),
    ]
}

/// Names of the headers above (certified with the response).
pub const NAMES: [&str; 4] = ["content-security-policy", "x-content-type-options", "referrer-policy", "vary"];

/// The text of each `<script>` element without a `src` attribute, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| at + i) {
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else { break };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else { break };
        let tag = &lower[start..tag_end];
        let has_src = tag.split(|c: char| c.is_ascii_whitespace()).any(|attribute| attribute.starts_with("src="));
        if !has_src {
            scripts.push(&html[tag_end + 1..close]);
        }
        at = close;
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_each_inline_script_and_skips_external_ones() {
        let html = r#"<html><head><script type="module">import init from '/app.js';init();</script>
            <SCRIPT src="/other.js"></SCRIPT><script>
alert(1)</script></head></html>"#;
        assert_eq!(inline_scripts(html), vec!["import init from '/app.js';init();", "\nalert(1)"]);
        let csp = content_security_policy(html.as_bytes());
        // echo -n "import init from '/app.js';init();" | openssl dgst -sha256 -binary | base64
        let expected = "T+ylCkYq0767Isr1Nq0O+gUk6Htau7LxkEACEvlTOAE=";
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}' 'sha256-")), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        for directive in ["frame-ancestors 'none'", "img-src 'self' data:", "default-src 'none'", "object-src 'none'"] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
    }
}
