use crate::models::settings::CYCLES_RESERVE;
use crate::repositories::tokens;
use icto_shared::token_config::validate;
use crate::services::access::Tokens;
use crate::services::{settings, tokens as token_service};
use canister_kit::factory;
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::token::Account;
use icto_shared::token_factory::*;
use sha2::{Digest, Sha256};
use std::future::Future;
use std::task::{Context, Poll, Waker};

pub fn p(n: u8) -> Principal {
    Principal::from_slice(&[n; 10])
}
const ADMIN: u8 = 1;
const BACKEND: u8 = 2;
const USER: u8 = 3;

fn setup() {
    settings::init(FactoryInitArgs { admins: vec![p(ADMIN)], backend: Some(p(BACKEND)), cycles_per_token: None }).unwrap();
}

/// Runs a future that must finish without awaiting another canister.
fn run_now<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the call awaited another canister"),
    }
}

fn config() -> TokenConfig {
    TokenConfig {
        name: "My Token".into(),
        symbol: "MTK".into(),
        decimals: 8,
        transfer_fee: Nat::from(10_000u32),
        logo: Some("data:image/png;base64,AAAA".into()),
        description: None,
        website: None,
        initial_balances: vec![(Account::of(p(USER)), Nat::from(1_000_000u32))], // the owner's own account
        minting_account: None,
        fee_collector: None,
        fixed_supply: None,
    }
}

fn ctx(caller: u8) -> CallContext {
    CallContext::for_test(p(caller), 1)
}

#[test]
fn only_the_backend_may_create() {
    setup();
    let args = CreateTokenArgs { owner: p(USER), config: config() };
    for caller in [USER, ADMIN] {
        assert_eq!(run_now(token_service::create(ctx(caller), args.clone())), Err(FactoryError::Unauthorized));
    }
    // The backend passes the checks and then needs a template.
    assert_eq!(run_now(token_service::create(ctx(BACKEND), args)), Err(FactoryError::NoTemplate));
}

#[test]
fn invalid_configs_are_rejected_with_the_matching_error() {
    let owner = p(USER);
    let check = |f: &dyn Fn(&mut TokenConfig), expected: ConfigError| {
        let mut c = config();
        f(&mut c);
        assert_eq!(validate(owner, &c).unwrap_err(), expected);
    };
    check(&|c| c.name = "ab".into(), ConfigError::NameLength { min: 3, max: 32 });
    check(&|c| c.name = "x".repeat(33), ConfigError::NameLength { min: 3, max: 32 });
    check(&|c| c.symbol = "A".into(), ConfigError::SymbolLength { min: 2, max: 8 });
    check(&|c| c.symbol = "ABCDEFGHI".into(), ConfigError::SymbolLength { min: 2, max: 8 });
    check(&|c| c.symbol = "A B".into(), ConfigError::SymbolCharacters);
    check(&|c| c.decimals = 19, ConfigError::DecimalsTooLarge { max: 18 });
    check(&|c| c.logo = Some(format!("data:image/png;base64,{}", "A".repeat(30 * 1024))), ConfigError::LogoTooLarge { max_bytes: 30 * 1024 });
    check(&|c| c.logo = Some("https://example.com/logo.png".into()), ConfigError::LogoNotDataUrl);
    check(&|c| c.transfer_fee = Nat::from(u128::MAX) + Nat::from(1u8), ConfigError::FeeTooLarge);
    check(
        &|c| c.initial_balances = vec![(Account::of(p(9)), Nat::from(1u8)); 1_001],
        ConfigError::TooManyInitialBalances { max: 1_000 },
    );
    check(
        &|c| c.initial_balances.push((Account::of(p(9)), Nat::from(u128::MAX) + Nat::from(1u8))),
        ConfigError::InitialBalanceTooLarge { index: 1 },
    );
    check(
        &|c| c.initial_balances = vec![(Account::of(p(8)), Nat::from(u128::MAX)), (Account::of(p(9)), Nat::from(1u8))],
        ConfigError::InitialBalancesOverflow,
    );
    let minting = Account { owner, subaccount: Some(DEFAULT_MINTING_SUBACCOUNT) };
    check(&|c| c.initial_balances = vec![(minting.clone(), Nat::from(1u8))], ConfigError::BalanceForMintingAccount { index: 0 });
    let init = validate(owner, &config()).unwrap();
    assert_eq!(init.minting_account, minting);
    assert_eq!(init.token_symbol, "MTK");
    assert!(init.metadata.iter().any(|(k, _)| k == "icrc1:logo"));
}

/// Issue #10's rules: nothing an attacker could use to pose as another token or act as its minter.
#[test]
fn configs_that_impersonate_or_leave_the_mint_open_are_refused() {
    let owner = p(USER);
    let check = |f: &dyn Fn(&mut TokenConfig), expected: ConfigError| {
        let mut c = config();
        f(&mut c);
        assert_eq!(validate(owner, &c).unwrap_err(), expected, "{c:?}");
    };
    assert_eq!(validate(Principal::anonymous(), &config()).unwrap_err(), ConfigError::AnonymousOwner);
    check(&|c| c.minting_account = Some(Account::of(Principal::anonymous())), ConfigError::AnonymousMintingAccount);
    check(&|c| c.transfer_fee = Nat::from(0u8), ConfigError::ZeroFee);
    // U+202E (right-to-left override) makes "Token\u{202E}PCI" display as "TokenICP".
    check(&|c| c.name = "Token\u{202E}PCI".into(), ConfigError::NameCharacters);
    check(&|c| c.name = "Two\nLines".into(), ConfigError::NameCharacters);
    check(&|c| c.name = "Zero\u{200B}Width".into(), ConfigError::NameCharacters);
    check(&|c| c.description = Some("fine\u{2067}hidden".into()), ConfigError::DescriptionCharacters);
    for symbol in ["ICP", "icp", "ckBTC", "ckUSDC", "ckNEW", "USDT"] {
        check(&|c| c.symbol = symbol.into(), ConfigError::ReservedSymbol(symbol.into()));
    }
    for website in ["example.com", "http://example.com", "https://", "https://localhost", "https://icp.org@evil.example", "https://a b.com", "javascript:alert(1)"] {
        check(&|c| c.website = Some(website.into()), ConfigError::WebsiteNotHttpsUrl);
    }
    check(&|c| c.logo = Some("data:text/html;base64,PHNjcmlwdD4=".into()), ConfigError::LogoNotDataUrl);
    let minting = Account { owner, subaccount: Some(DEFAULT_MINTING_SUBACCOUNT) };
    check(&|c| c.fee_collector = Some(minting.clone()), ConfigError::FeeCollectorIsMintingAccount);
    check(
        &|c| {
            c.fixed_supply = Some(true);
            c.minting_account = Some(Account::of(p(9)));
        },
        ConfigError::MintingAccountWithFixedSupply,
    );

    // What stays allowed: a multi-line description, a proper site, a symbol merely containing "ck".
    let mut fine = config();
    fine.description = Some("Line one\nLine two, with accents: é, 日本".into());
    fine.website = Some("https://example.com/about?x=1".into());
    fine.symbol = "DUCK".into();
    fine.name = "Café Token".into();
    assert!(validate(owner, &fine).is_ok());
}

#[test]
fn a_bad_config_is_reported_before_anything_else() {
    setup();
    let mut c = config();
    c.decimals = 30;
    let result = run_now(token_service::create(ctx(BACKEND), CreateTokenArgs { owner: p(USER), config: c }));
    assert_eq!(result, Err(FactoryError::InvalidConfig(ConfigError::DecimalsTooLarge { max: 18 })));
}

#[test]
fn a_factory_short_of_cycles_refuses_before_it_calls_anything() {
    setup();
    upload(b"wasm", "v1").unwrap();
    let poor = CallContext { cycles_balance: 1_000, ..ctx(BACKEND) };
    let result = run_now(token_service::create(poor, CreateTokenArgs { owner: p(USER), config: config() }));
    assert!(matches!(result, Err(FactoryError::InsufficientCycles { .. })), "{result:?}");
}

/// Two creates awaiting at once: the second sees the first one's cycles as spent, so together they
/// cannot take the factory below its reserve (before, each checked the same untouched balance).
#[test]
fn cycles_of_a_create_in_flight_count_against_the_next_one() {
    setup();
    upload(b"wasm", "v1").unwrap();
    let per_token = settings::get().cycles_per_token;
    let enough_for_one = per_token + CYCLES_RESERVE;
    let in_flight = canister_kit::deploy::CyclesReservation::take(enough_for_one, per_token, CYCLES_RESERVE).unwrap();
    let second = CallContext { cycles_balance: enough_for_one, ..ctx(BACKEND) };
    let result = run_now(token_service::create(second, CreateTokenArgs { owner: p(USER), config: config() }));
    assert!(matches!(result, Err(FactoryError::InsufficientCycles { .. })), "{result:?}");
    drop(in_flight);
}

pub fn upload(bytes: &[u8], label: &str) -> Result<TemplateInfo, FactoryError> {
    let sha256 = Sha256::digest(bytes).to_vec();
    let begin = TemplateUploadBegin { sha256, total_size: bytes.len() as u64, label: label.into(), semver: None, release_notes: None };
    factory::template_upload_begin::<Tokens>(&ctx(ADMIN), begin)?;
    for chunk in bytes.chunks(3) {
        factory::template_upload_chunk::<Tokens>(&ctx(ADMIN), chunk.to_vec())?;
    }
    factory::template_upload_commit::<Tokens>(&CallContext::for_test(p(ADMIN), 7))
}

#[test]
fn template_upload_is_admin_only_chunked_and_hash_checked() {
    setup();
    let begin = TemplateUploadBegin { sha256: vec![0; 32], total_size: 4, label: "v".into(), semver: None, release_notes: None };
    assert_eq!(factory::template_upload_begin::<Tokens>(&ctx(USER), begin.clone()), Err(FactoryError::Unauthorized));
    assert_eq!(factory::template_upload_chunk::<Tokens>(&ctx(USER), vec![1]), Err(FactoryError::Unauthorized));
    assert_eq!(factory::template_upload_commit::<Tokens>(&ctx(USER)), Err(FactoryError::Unauthorized));
    assert_eq!(factory::template_upload_chunk::<Tokens>(&ctx(ADMIN), vec![1]), Err(FactoryError::UploadNotStarted));
    factory::template_upload_begin::<Tokens>(&ctx(ADMIN), begin).unwrap();
    factory::template_upload_chunk::<Tokens>(&ctx(ADMIN), vec![1, 2, 3, 4]).unwrap();
    assert_eq!(factory::template_upload_chunk::<Tokens>(&ctx(ADMIN), vec![5]), Err(FactoryError::UploadTooLarge { max_bytes: 4 }));
    assert!(matches!(factory::template_upload_commit::<Tokens>(&ctx(ADMIN)), Err(FactoryError::HashMismatch { .. })));
    let too_big = TemplateUploadBegin { sha256: vec![0; 32], total_size: limits::MAX_TEMPLATE_BYTES + 1, label: "v".into(), semver: None, release_notes: None };
    assert_eq!(factory::template_upload_begin::<Tokens>(&ctx(ADMIN), too_big), Err(FactoryError::UploadTooLarge { max_bytes: limits::MAX_TEMPLATE_BYTES }));

    let v1 = upload(b"first wasm", "v1").unwrap();
    let v2 = upload(b"second wasm!", "v2").unwrap();
    assert_eq!((v1.version, v2.version), (1, 2));
    assert_eq!(settings::get().latest_template, Some(v2.clone()));
    assert_eq!(crate::repositories::templates::with(|t| t.bytes(1)), b"first wasm");
    assert_eq!(factory::list_templates::<Tokens>(), vec![v1, v2]);
}

pub fn record(id: u8, owner: u8) -> TokenRecord {
    TokenRecord {
        canister_id: p(id),
        owner: p(owner),
        name: format!("Token {id}"),
        symbol: "TK".into(),
        decimals: 8,
        transfer_fee: Nat::from(1u8),
        initial_supply: Nat::from(0u8),
        has_logo: false,
        description: None,
        website: None,
        template_sha256: vec![],
        created_at: id as u64,
        upgraded_at: None,
        fixed_supply: None,
    }
}

#[test]
fn tokens_are_paged_by_owner_and_publicly() {
    for id in 10..130u8 {
        tokens::insert_new(record(id, if id % 2 == 0 { 1 } else { 2 }), None);
    }
    let page = token_service::by_owner(p(1), 3, 4);
    assert_eq!(page.total, 60);
    let ids: Vec<Principal> = page.items.iter().map(|r| r.canister_id).collect();
    assert_eq!(ids, vec![p(16), p(18), p(20), p(22)]);
    assert!(page.items.iter().all(|r| r.owner == p(1)));
    assert_eq!(token_service::by_owner(p(2), 58, 100).items.len(), 2);
    assert_eq!(token_service::by_owner(p(3), 0, 10), TokenPage { items: vec![], total: 0 });
    let all = token_service::all(118, 1_000);
    assert_eq!((all.total, all.items.len()), (120, 2));
    assert_eq!(token_service::all(0, 1_000).items.len(), 100, "pages are capped");
}

#[test]
fn upgrade_is_for_the_owner_or_an_admin() {
    setup();
    tokens::insert_new(record(50, USER), None);
    let args = UpgradeTokenArgs { canister_id: p(50), template_sha256: None };
    assert_eq!(run_now(token_service::upgrade(ctx(BACKEND), args.clone())), Err(FactoryError::Unauthorized));
    assert_eq!(run_now(token_service::upgrade(ctx(USER), args.clone())), Err(FactoryError::NoTemplate));
    assert_eq!(run_now(token_service::upgrade(ctx(ADMIN), args)), Err(FactoryError::NoTemplate));
    let missing = UpgradeTokenArgs { canister_id: p(51), template_sha256: None };
    assert_eq!(run_now(token_service::upgrade(ctx(USER), missing)), Err(FactoryError::TokenNotFound));
    let unknown = UpgradeTokenArgs { canister_id: p(50), template_sha256: Some(serde_bytes::ByteBuf::from(vec![9; 32])) };
    assert_eq!(run_now(token_service::upgrade(ctx(USER), unknown)), Err(FactoryError::TemplateNotFound));
}

#[test]
fn admin_settings() {
    setup();
    assert_eq!(factory::set_backend::<Tokens>(&ctx(USER), Some(p(USER))), Err(FactoryError::Unauthorized));
    factory::set_backend::<Tokens>(&ctx(ADMIN), Some(p(9))).unwrap();
    assert_eq!(settings::get().backend, Some(p(9)));
    assert!(matches!(factory::set_admins::<Tokens>(&ctx(ADMIN), vec![]), Err(FactoryError::InvalidArgument(_))));
    assert!(matches!(factory::set_cycles_per_contract::<Tokens>(&ctx(ADMIN), Nat::from(1u8)), Err(FactoryError::InvalidArgument(_))));
    let huge = Nat::from(u128::MAX) + Nat::from(1u8);
    assert_eq!(factory::set_cycles_per_contract::<Tokens>(&ctx(USER), huge.clone()), Err(FactoryError::Unauthorized), "access first");
    assert!(matches!(factory::set_cycles_per_contract::<Tokens>(&ctx(ADMIN), huge), Err(FactoryError::InvalidArgument(_))));
    factory::set_cycles_per_contract::<Tokens>(&ctx(ADMIN), Nat::from(300_000_000_000u64)).unwrap();
    assert_eq!(settings::get().cycles_per_token, 300_000_000_000);
}
