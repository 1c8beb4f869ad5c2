//! The factory on devnet: only the backend creates; bad configs are refused with typed errors; a created
//! token is indexed for its creator, is controlled by owner + factory, and works; a template upgrade
//! keeps the token's balances.

use candid::{Nat, Principal};
use devnet::Devnet;
use icto_shared::factory::*;
use icto_shared::token::{Account, TransferArg, TransferError};
use sha2::{Digest, Sha256};

use devnet::built_wasm as wasm;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[0x77, n, 1])
}
fn admin() -> Principal {
    p(1)
}
fn backend() -> Principal {
    p(2)
}
fn owner() -> Principal {
    p(3)
}

/// A valid wasm with a different hash: the same module plus a custom section.
fn with_custom_section(mut module: Vec<u8>, marker: &str) -> Vec<u8> {
    let name = b"icto:template";
    let payload = marker.as_bytes();
    let size = 1 + name.len() + payload.len();
    assert!(size < 128);
    module.extend_from_slice(&[0, size as u8, name.len() as u8]);
    module.extend_from_slice(name);
    module.extend_from_slice(payload);
    module
}

struct Factory {
    devnet: Devnet,
    id: Principal,
}

impl Factory {
    fn deploy() -> Factory {
        let devnet = Devnet::new();
        let id = devnet.create_canister(admin());
        let init = FactoryInitArgs { admins: vec![admin()], backend: Some(backend()), cycles_per_token: Some(1_000_000_000_000) };
        devnet.install_code(id, wasm("token_factory"), candid::encode_one(init).unwrap(), admin()).expect("install factory");
        Factory { devnet, id }
    }

    fn call<A: candid::utils::ArgumentEncoder, R: candid::CandidType + for<'a> candid::Deserialize<'a>>(
        &self,
        caller: Principal,
        method: &str,
        args: A,
    ) -> R {
        self.devnet.update_candid(self.id, caller, method, args).unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    fn upload(&self, module: &[u8], label: &str) -> TemplateInfo {
        let begin = TemplateUploadBegin { sha256: Sha256::digest(module).to_vec(), total_size: module.len() as u64, label: label.into() };
        let r: Result<(), FactoryError> = self.call(admin(), "template_upload_begin", (begin,));
        r.unwrap();
        for chunk in module.chunks(400_000) {
            let r: Result<u64, FactoryError> = self.call(admin(), "template_upload_chunk", (serde_bytes::ByteBuf::from(chunk.to_vec()),));
            r.unwrap();
        }
        let r: Result<TemplateInfo, FactoryError> = self.call(admin(), "template_upload_commit", ());
        r.unwrap()
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
    let mut controllers = f.devnet.controllers(token);
    controllers.sort();
    let mut expected = vec![owner(), f.id];
    expected.sort();
    assert_eq!(controllers, expected, "owner and factory control the token");

    let page: TokenPage = f.devnet.query_candid(f.id, Principal::anonymous(), "get_my_contracts", (owner(), 0u64, 10u64)).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items, vec![record.clone()]);
    let others: TokenPage = f.devnet.query_candid(f.id, Principal::anonymous(), "get_my_contracts", (p(9), 0u64, 10u64)).unwrap();
    assert_eq!(others.total, 0);
    let public: TokenPage = f.devnet.query_candid(f.id, Principal::anonymous(), "list_tokens", (0u64, 10u64)).unwrap();
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
    let v2 = f.upload(&with_custom_section(wasm("token"), "v2"), "v2");
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
}

#[test]
fn create_without_template_or_cycles_fails_cleanly() {
    let f = Factory::deploy();
    assert_eq!(f.create(backend(), config()), Err(FactoryError::NoTemplate));
    f.upload(&wasm("token"), "v1");
    let r: Result<(), FactoryError> = f.call(admin(), "set_cycles_per_token", (Nat::from(200_000_000_000_000u128),));
    r.unwrap();
    assert!(matches!(f.create(backend(), config()), Err(FactoryError::InsufficientCycles { .. })));
    let page: TokenPage = f.devnet.query_candid(f.id, Principal::anonymous(), "list_tokens", (0u64, 10u64)).unwrap();
    assert_eq!(page.total, 0, "nothing recorded");
}
