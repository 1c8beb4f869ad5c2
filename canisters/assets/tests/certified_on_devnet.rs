//! The assets canister on devnet: uploads, then every served response verifies (as an HTTP gateway
//! verifies it) against devnet's root key; files and certification survive an upgrade.
use candid::Principal;
use ic_http_certification::{HttpRequest, HttpResponse};
use icto_shared::assets::{AssetError, AssetInfo, CommitArgs, CommitSummary, StoreChunk};
use std::io::Write;
use std::sync::Arc;
use test_kit::wasm::built as wasm;
use test_kit::{Canister, Devnet};

const INDEX: &[u8] =
    b"<!doctype html><html><head><script type=\"module\">import init from '/app-1a2b.js';init();</script></head><body>app shell</body></html>";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

struct World {
    assets: Canister,
    controller: Principal,
}

fn store(world: &World, sender: Principal, path: &str, content_type: &str, encoding: &str, chunks: &[&[u8]]) -> Result<(), AssetError> {
    for (index, chunk) in chunks.iter().enumerate() {
        let arg = StoreChunk {
            path: path.into(),
            content_type: content_type.into(),
            content_encoding: encoding.into(),
            chunk_index: index as u32,
            chunk: chunk.to_vec(),
        };
        let reply: Result<(), AssetError> = world.assets.update(sender, "store", (arg,));
        reply?;
    }
    Ok(())
}

fn setup() -> World {
    let controller = Principal::from_slice(&[7; 29]);
    let assets = Canister::install(&Arc::new(Devnet::new()), controller, wasm("assets"), candid::encode_args(()).unwrap());
    let world = World { assets, controller };
    let big_script = "console.log('hello');\n".repeat(2_000);
    store(&world, controller, "/index.html", "text/html", "identity", &[&INDEX[..20], &INDEX[20..]]).unwrap();
    store(&world, controller, "/app-1a2b.js", "text/javascript", "identity", &[big_script.as_bytes()]).unwrap();
    store(&world, controller, "/app-1a2b.js", "text/javascript", "gzip", &[&gzip(big_script.as_bytes())]).unwrap();
    store(&world, controller, "/app-1a2b_bg.wasm", "application/wasm", "gzip", &[&gzip(WASM_STAND_IN)]).unwrap();
    let summary: Result<CommitSummary, AssetError> = world.assets.update(controller, "commit", (CommitArgs { remove_missing: true },));
    let summary = summary.unwrap();
    assert_eq!(summary.files, 4);
    assert_eq!(world.assets.devnet.certified_data(world.assets.id), summary.root_hash, "commit sets the certified data");
    world
}

fn get(world: &World, url: &str, accept_gzip: bool) -> (HttpRequest<'static>, HttpResponse<'static>) {
    get_accepting(world, url, accept_gzip.then_some("gzip, deflate"))
}

fn get_accepting(world: &World, url: &str, accept_encoding: Option<&str>) -> (HttpRequest<'static>, HttpResponse<'static>) {
    let headers: Vec<(String, String)> =
        accept_encoding.map(|value| ("Accept-Encoding".to_string(), value.to_string())).into_iter().collect();
    let request = HttpRequest::get(url).with_headers(headers).with_certificate_version(2).build();
    let response: HttpResponse = world.assets.query("http_request", (request.clone(),));
    (request, response)
}

fn header<'r>(response: &'r HttpResponse, name: &str) -> Option<&'r str> {
    response.headers().iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Verifies like an HTTP gateway does; returns the certified body.
fn verify(world: &World, request: HttpRequest<'static>, response: HttpResponse<'static>) -> Vec<u8> {
    verified(world, request, response).body
}

/// Verifies like an HTTP gateway does; returns what it would pass on (certified headers only).
fn verified(
    world: &World,
    request: HttpRequest<'static>,
    response: HttpResponse<'static>,
) -> ic_response_verification::types::VerifiedResponse {
    let five_minutes = 300_000_000_000u128;
    let info = ic_response_verification::verify_request_response_pair(
        request,
        response,
        world.assets.id.as_slice(),
        world.assets.devnet.time_nanos() as u128,
        five_minutes,
        &world.assets.devnet.root_key_der(),
        2,
    )
    .expect("the response verifies against the root key");
    assert_eq!(info.verification_version, 2);
    info.response.expect("a certified response")
}

fn assert_serves_certified(world: &World) {
    for url in ["/", "/index.html", "/tokens/ryjl3-tyaaa-aaaaa-aaaba-cai", "/dashboard"] {
        let (request, response) = get(world, url, true);
        assert_eq!(response.status_code().as_u16(), 200, "{url}");
        assert_eq!(header(&response, "content-type"), Some("text/html"), "{url}");
        assert!(header(&response, "IC-Certificate").is_some(), "{url} carries a certificate");
        assert_eq!(verify(world, request, response), INDEX, "{url} serves index.html");
    }
    let (request, response) = get(world, "/app-1a2b.js", true);
    assert_eq!(header(&response, "content-encoding"), Some("gzip"), "gzip when accepted and smaller");
    assert_eq!(header(&response, "content-type"), Some("text/javascript"));
    verify(world, request, response);
    let (request, response) = get(world, "/app-1a2b.js", false);
    assert_eq!(header(&response, "content-encoding"), None, "identity otherwise");
    assert_eq!(response.body().len(), 44_000);
    verify(world, request, response);
    // A file stored gzip-encoded only (too large for one reply unencoded) is served gzip to every client.
    for accept in [true, false] {
        let (request, response) = get(world, "/app-1a2b_bg.wasm", accept);
        assert_eq!(header(&response, "content-encoding"), Some("gzip"), "accepting gzip: {accept}");
        assert_eq!(verify(world, request, response), gzip(WASM_STAND_IN));
    }
}

/// Stands in for an app wasm too large to be served unencoded.
const WASM_STAND_IN: &[u8] = b"\0asm wasm stand-in, stored gzip-encoded only";

#[test]
fn serves_certified_responses_that_verify_against_the_root_key() {
    let world = setup();
    assert_serves_certified(&world);

    // A tampered body fails verification.
    let (request, response) = get(&world, "/index.html", false);
    let tampered = HttpResponse::builder()
        .with_status_code(response.status_code())
        .with_headers(response.headers().to_vec())
        .with_body(b"<html>evil</html>".to_vec())
        .build();
    let result = ic_response_verification::verify_request_response_pair(
        request,
        tampered,
        world.assets.id.as_slice(),
        world.assets.devnet.time_nanos() as u128,
        300_000_000_000,
        &world.assets.devnet.root_key_der(),
        2,
    );
    assert!(result.is_err() || result.unwrap().response.is_none(), "a tampered body must not verify");
}

#[test]
fn security_headers_are_certified_and_gzip_q0_gets_identity() {
    let world = setup();
    let (request, response) = get_accepting(&world, "/tokens/x", Some("gzip;q=0, identity"));
    assert_eq!(header(&response, "content-encoding"), None, "gzip;q=0 refuses gzip");
    assert_eq!(response.headers().iter().filter(|(n, _)| n.eq_ignore_ascii_case("content-type")).count(), 1);
    let passed_on = verified(&world, request, response);
    let certified = |name: &str| {
        passed_on.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{name} is not certified: {:?}", passed_on.headers))
    };
    let csp = certified("content-security-policy");
    // The hash of index.html's one inline script (trunk's loader), and no other inline script.
    let script_hash = "t6AY8g0wdivzW7ZTUbs5ePSd0AlhUXeZF9IhGu37J0M=";
    assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{script_hash}';")), "{csp}");
    for directive in ["frame-ancestors 'none'", "img-src 'self' data:", "default-src 'none'"] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert_eq!(certified("x-content-type-options"), "nosniff");
    assert_eq!(certified("referrer-policy"), "same-origin");
    assert_eq!(certified("vary"), "Accept-Encoding");
    assert_eq!(certified("content-type"), "text/html");

    let (request, response) = get_accepting(&world, "/app-1a2b.js", Some("br;q=1, gzip;q=0.5"));
    assert_eq!(header(&response, "content-encoding"), Some("gzip"));
    assert_eq!(verified(&world, request, response).headers.iter().filter(|(n, _)| n == "content-encoding").count(), 1);
}

#[test]
fn before_any_upload_every_path_is_a_certified_404() {
    let controller = Principal::from_slice(&[7; 29]);
    let assets = Canister::install(&Arc::new(Devnet::new()), controller, wasm("assets"), candid::encode_args(()).unwrap());
    let world = World { assets, controller };
    let (request, response) = get(&world, "/anything", false);
    assert_eq!(response.status_code().as_u16(), 404);
    assert_eq!(verify(&world, request, response), b"No app has been uploaded yet.");
}

#[test]
fn only_controllers_upload_and_bad_input_changes_nothing() {
    let world = setup();
    let stranger = Principal::from_slice(&[9; 29]);
    assert_eq!(store(&world, stranger, "/x.txt", "text/plain", "identity", &[b"x"]), Err(AssetError::NotController));
    let commit: Result<CommitSummary, AssetError> = world.assets.update(stranger, "commit", (CommitArgs { remove_missing: true },));
    assert_eq!(commit, Err(AssetError::NotController));
    assert!(matches!(
        store(&world, world.controller, "/../etc", "text/plain", "identity", &[b"x"]),
        Err(AssetError::InvalidPath(_))
    ));
    let commit: Result<CommitSummary, AssetError> =
        world.assets.update(world.controller, "commit", (CommitArgs { remove_missing: true },));
    assert_eq!(commit, Err(AssetError::NothingStaged));
    assert_serves_certified(&world);
}

#[test]
fn files_and_certification_survive_upgrade() {
    let world = setup();
    let before: Vec<AssetInfo> = world.assets.query("list", ());
    let root_before = world.assets.devnet.certified_data(world.assets.id);
    world.assets.upgrade(world.controller, wasm("assets"), candid::encode_args(()).unwrap()).unwrap();
    let after: Vec<AssetInfo> = world.assets.query("list", ());
    assert_eq!(before, after);
    assert_eq!(after.len(), 3);
    assert_eq!(world.assets.devnet.certified_data(world.assets.id), root_before, "certification rebuilt after upgrade");
    assert_serves_certified(&world);
}

#[test]
fn oversized_and_hostile_arguments_are_refused_before_anything_runs() {
    let world = setup();
    let before: Vec<AssetInfo> = world.assets.query("list", ());
    // Over `commit`'s ingress bound (1 KB): refused by canister_inspect_message.
    let oversized = candid::encode_args((CommitArgs { remove_missing: true }, vec![0u8; 4_096])).unwrap();
    let refused = world.assets.update_raw(world.controller, "commit", oversized).unwrap_err();
    assert!(refused.message.contains("at most"), "{refused:?}");
    // A chunk with an extra field of a million values in a few bytes: over the skipping quota.
    #[derive(candid::CandidType)]
    struct HostileChunk {
        path: String,
        content_type: String,
        content_encoding: String,
        chunk_index: u32,
        chunk: Vec<u8>,
        extra: Vec<Vec<()>>,
    }
    let hostile = HostileChunk {
        path: "/x.txt".into(),
        content_type: "text/plain".into(),
        content_encoding: "identity".into(),
        chunk_index: 0,
        chunk: vec![],
        extra: vec![vec![(); 1_000]; 1_000],
    };
    let hostile = candid::encode_one(hostile).unwrap();
    assert!(hostile.len() < 4_096);
    let refused = world.assets.update_raw(world.controller, "store", hostile).unwrap_err();
    assert!(refused.message.contains("cost exceeds"), "{refused:?}");
    let after: Vec<AssetInfo> = world.assets.query("list", ());
    assert_eq!(before, after, "nothing changed");
}
