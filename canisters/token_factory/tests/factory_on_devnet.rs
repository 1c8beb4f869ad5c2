//! The factory on devnet: only the backend creates; bad configs are refused with typed errors; a created
//! token is indexed for its creator, is controlled by the factory alone, and works; a template upgrade
//! keeps the token's balances.

use candid::{Nat, Principal};
use icto_shared::token::{Account, TransferArg, TransferError};
use icto_shared::token_factory::*;
use test_kit::wasm::{built as wasm, with_custom_section};
use test_kit::Canister;

mod common;
use common::{admin, backend, owner, p};

/// A valid wasm with a different hash: the same module plus a custom section.
fn new_version(module: Vec<u8>, marker: &str) -> Vec<u8> {
    with_custom_section(module, "icto:template", marker.as_bytes())
}

struct Factory(Canister);

impl std::ops::Deref for Factory {
    type Target = Canister;
    fn deref(&self) -> &Canister {
        &self.0
    }
}

impl Factory {
    fn deploy() -> Factory {
        let init = FactoryInitArgs { admins: vec![admin()], backend: Some(backend()), cycles_per_token: Some(1_000_000_000_000) };
        Factory(test_kit::factory::install(admin(), wasm("token_factory"), init))
    }

    fn call<A: candid::utils::ArgumentEncoder, R: candid::CandidType + for<'a> candid::Deserialize<'a>>(
        &self,
        caller: Principal,
        method: &str,
        args: A,
    ) -> R {
        self.update(caller, method, args)
    }

    fn upload(&self, module: &[u8], label: &str) -> TemplateInfo {
        test_kit::factory::upload::<FactoryError>(self, admin(), module, label)
    }

    fn create(&self, caller: Principal, config: TokenConfig) -> Result<TokenRecord, FactoryError> {
        self.call(caller, "create_token", (CreateTokenArgs { owner: owner(), config },))
    }
}

fn config() -> TokenConfig {
    TokenConfig {
        name: "Launch Token".into(),
        symbol: "LNCH".into(),
        decimals: 8,
        transfer_fee: Nat::from(10_000u32),
        logo: Some("data:image/svg+xml;base64,PHN2Zy8+".into()),
        description: Some("a token made by the factory".into()),
        website: None,
        initial_balances: vec![(Account::of(owner()), Nat::from(5_000_000_000u64))],
        minting_account: None,
        fee_collector: None,
        fixed_supply: None,
    }
}

#[test]
fn factory_creates_lists_and_upgrades_tokens() {
    let f = Factory::deploy();
    let v1 = f.upload(&wasm("token"), "v1");

    // Only the backend may create.
    assert_eq!(f.create(owner(), config()), Err(FactoryError::Unauthorized));
    assert_eq!(f.create(admin(), config()), Err(FactoryError::Unauthorized));

    // Invalid configs come back as typed errors.
    let mut bad = config();
    bad.symbol = "X".into();
    assert_eq!(f.create(backend(), bad), Err(FactoryError::InvalidConfig(ConfigError::SymbolLength { min: 2, max: 8 })));
    let mut bad = config();
    bad.logo = Some(format!("data:image/png;base64,{}", "A".repeat(31 * 1024)));
    assert_eq!(f.create(backend(), bad), Err(FactoryError::InvalidConfig(ConfigError::LogoTooLarge { max_bytes: 30 * 1024 })));

    // A valid config creates a working token.
    let record = f.create(backend(), config()).expect("create");
    assert_eq!(record.owner, owner());
    assert_eq!(record.template_sha256, v1.sha256);
    let token = record.canister_id;
    assert_eq!(record.fixed_supply, Some(false));
    assert_eq!(f.devnet.controllers(token), vec![f.id], "the factory alone controls the token");
    // So the owner cannot wipe the ledger by reinstalling it, or install other code.
    let wipe = f.devnet.reinstall_code(token, wasm("token"), vec![], owner());
    assert!(wipe.is_err(), "the owner reinstalled the token");

    let page: TokenPage = f.query("get_my_contracts", (owner(), 0u64, 10u64));
    assert_eq!(page.total, 1);
    assert_eq!(page.items, vec![record.clone()]);
    let others: TokenPage = f.query("get_my_contracts", (p(9), 0u64, 10u64));
    assert_eq!(others.total, 0);
    let public: TokenPage = f.query("list_tokens", (0u64, 10u64));
    assert_eq!(public.items.len(), 1);

    let symbol: String = f.devnet.query_candid(token, Principal::anonymous(), "icrc1_symbol", ()).unwrap();
    assert_eq!(symbol, "LNCH");
    let sent: Result<Nat, TransferError> = f
        .devnet
        .update_candid(token, owner(), "icrc1_transfer", (TransferArg {
            from_subaccount: None,
            to: Account::of(p(8)),
            amount: Nat::from(1_000_000u64),
            fee: None,
            memo: None,
            created_at_time: None,
        },))
        .unwrap();
    assert!(sent.is_ok(), "{sent:?}");
    let balance = |who: Principal| -> Nat {
        f.devnet.query_candid(token, Principal::anonymous(), "icrc1_balance_of", (Account::of(who),)).unwrap()
    };
    assert_eq!(balance(p(8)), Nat::from(1_000_000u64));
    let owner_balance = balance(owner());

    // Upgrade to a newer template: only the owner or an admin, and balances stay.
    let v2 = f.upload(&new_version(wasm("token"), "v2"), "v2");
    assert_ne!(v1.sha256, v2.sha256);
    let upgrade = UpgradeTokenArgs { canister_id: token, template_sha256: None };
    let r: Result<TokenRecord, FactoryError> = f.call(p(9), "upgrade_token", (upgrade.clone(),));
    assert_eq!(r, Err(FactoryError::Unauthorized));
    let r: Result<TokenRecord, FactoryError> = f.call(owner(), "upgrade_token", (upgrade,));
    let upgraded = r.expect("upgrade");
    assert_eq!(upgraded.template_sha256, v2.sha256);
    assert_eq!(f.devnet.module_hash(token).map(|h| h.to_vec()), Some(v2.sha256.clone()));
    assert_eq!(balance(p(8)), Nat::from(1_000_000u64));
    assert_eq!(balance(owner()), owner_balance);

    // Back to the first template by its hash: not for the owner (a token only moves forward) ...
    let back = UpgradeTokenArgs { canister_id: token, template_sha256: Some(serde_bytes::ByteBuf::from(v1.sha256.clone())) };
    let r: Result<TokenRecord, FactoryError> = f.call(owner(), "upgrade_token", (back.clone(),));
    assert_eq!(r, Err(FactoryError::NotNewerTemplate { current: v2.version, requested: v1.version }));
    let same = UpgradeTokenArgs { canister_id: token, template_sha256: None };
    let r: Result<TokenRecord, FactoryError> = f.call(owner(), "upgrade_token", (same,));
    assert_eq!(r, Err(FactoryError::NotNewerTemplate { current: v2.version, requested: v2.version }));
    // ... but an admin may roll back to the version that ran before: balances still stay.
    let r: Result<TokenRecord, FactoryError> = f.call(admin(), "upgrade_token", (back,));
    assert_eq!(r.expect("rollback").template_sha256, v1.sha256);
    assert_eq!(f.devnet.module_hash(token).map(|h| h.to_vec()), Some(v1.sha256.clone()));
    assert_eq!(balance(p(8)), Nat::from(1_000_000u64));
    assert_eq!(f.query::<_, Option<TokenRecord>>("get_token", (token,)).map(|r| r.template_sha256), Some(v1.sha256));

    // The factory itself upgrades with everything it holds, and goes on creating.
    let state = |f: &Factory| -> (FactorySettings, Vec<TemplateInfo>, TokenPage, TokenPage) {
        (f.query("get_settings", ()), f.query("list_templates", ()), f.query("get_my_contracts", (owner(), 0u64, 10u64)), f.query("list_tokens", (0u64, 10u64)))
    };
    let before = state(&f);
    f.upgrade(admin(), new_version(wasm("token_factory"), "factory v2"), vec![]).expect("upgrade the factory");
    assert_eq!(state(&f), before);
    let second = f.create(backend(), config()).expect("create after the factory's upgrade");
    let page: TokenPage = f.query("get_my_contracts", (owner(), 0u64, 10u64));
    assert_eq!(page.items.iter().map(|r| r.canister_id).collect::<Vec<_>>(), vec![token, second.canister_id]);
}

#[test]
fn create_without_template_or_cycles_fails_cleanly() {
    let f = Factory::deploy();
    assert_eq!(f.create(backend(), config()), Err(FactoryError::NoTemplate));
    f.upload(&wasm("token"), "v1");
    let r: Result<(), FactoryError> = f.call(admin(), "set_cycles_per_token", (Nat::from(200_000_000_000_000u128),));
    r.unwrap();
    assert!(matches!(f.create(backend(), config()), Err(FactoryError::InsufficientCycles { .. })));
    let page: TokenPage = f.query("list_tokens", (0u64, 10u64));
    assert_eq!(page.total, 0, "nothing recorded");
}

#[test]
fn oversized_and_hostile_arguments_are_refused_before_anything_runs() {
    let f = Factory::deploy();
    // Over `upgrade_token`'s ingress bound (1 KB): refused by canister_inspect_message.
    let upgrade = UpgradeTokenArgs { canister_id: p(9), template_sha256: Some(serde_bytes::ByteBuf::from(vec![0; 4_096])) };
    let refused = f.update_raw(owner(), "upgrade_token", candid::encode_one(upgrade).unwrap()).unwrap_err();
    assert!(refused.message.contains("at most"), "{refused:?}");
    // An extra argument of a million values in a few KB: over the skipping quota.
    let hostile = candid::encode_args((serde_bytes::ByteBuf::from(vec![1u8]), vec![vec![(); 1_000]; 1_000])).unwrap();
    let refused = f.update_raw(admin(), "template_upload_chunk", hostile).unwrap_err();
    assert!(refused.message.contains("cost exceeds"), "{refused:?}");
    // A method the factory does not have.
    let refused = f.update_raw(admin(), "drain_cycles", candid::encode_args(()).unwrap()).unwrap_err();
    assert!(refused.message.contains("not a method"), "{refused:?}");
    let templates: Vec<TemplateInfo> = f.query("list_templates", ());
    assert!(templates.is_empty());
}

#[test]
fn a_fixed_supply_token_has_no_usable_minting_account() {
    let f = Factory::deploy();
    f.upload(&wasm("token"), "v1");
    let mut fixed = config();
    fixed.fixed_supply = Some(true);
    let record = f.create(backend(), fixed).expect("create");
    assert_eq!(record.fixed_supply, Some(true));
    let token = record.canister_id;
    let minting: Option<Account> = f.devnet.query_candid(token, Principal::anonymous(), "icrc1_minting_account", ()).unwrap();
    assert_eq!(minting, Some(Account::of(token)), "the ledger itself, which never calls");
    // The owner's default minting subaccount is an ordinary account here: sending from it mints nothing.
    let mint_attempt: Result<Nat, TransferError> = f
        .devnet
        .update_candid(token, owner(), "icrc1_transfer", (TransferArg {
            from_subaccount: Some(DEFAULT_MINTING_SUBACCOUNT),
            to: Account::of(owner()),
            amount: Nat::from(1_000u32),
            fee: None,
            memo: None,
            created_at_time: None,
        },))
        .unwrap();
    assert!(matches!(mint_attempt, Err(TransferError::InsufficientFunds { .. })), "{mint_attempt:?}");
    let supply: Nat = f.devnet.query_candid(token, Principal::anonymous(), "icrc1_total_supply", ()).unwrap();
    assert_eq!(supply, Nat::from(5_000_000_000u64));
}

#[test]
fn a_failed_install_keeps_the_canister_for_the_next_token() {
    let f = Factory::deploy();
    // A module whose init cannot decode a ledger argument: every install of it traps.
    f.upload(&new_version(wasm("token_factory"), "not a ledger"), "broken");
    let failed = f.create(backend(), config());
    assert!(matches!(failed, Err(FactoryError::InstallFailed(_))), "{failed:?}");
    let settings: FactorySettings = f.query("get_settings", ());
    let [spare] = settings.spare_canisters[..] else { panic!("one spare kept: {:?}", settings.spare_canisters) };
    assert!(f.devnet.canister_exists(spare), "kept, not deleted");
    assert_eq!(f.devnet.module_hash(spare), None, "and empty");
    let page: TokenPage = f.query("list_tokens", (0u64, 10u64));
    assert_eq!(page.total, 0, "nothing recorded");

    // The next token is installed on it (topped up to about a new token's cycles).
    f.upload(&wasm("token"), "v1");
    let record = f.create(backend(), config()).expect("create on the spare");
    assert_eq!(record.canister_id, spare);
    assert!(f.devnet.cycle_balance(spare) >= 1_000_000_000_000 - 10_000_000_000, "{}", f.devnet.cycle_balance(spare));
    let settings: FactorySettings = f.query("get_settings", ());
    assert!(settings.spare_canisters.is_empty());
    let symbol: String = f.devnet.query_candid(spare, Principal::anonymous(), "icrc1_symbol", ()).unwrap();
    assert_eq!(symbol, "LNCH");
}
