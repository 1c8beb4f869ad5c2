//! The deploy tool's distribution factory step on devnet (the whole platform, as `Platform::deploy` runs
//! it): the factory is installed with the backend as its only creator and the deployer as its admin, the
//! distribution contract is its template, and the backend's `Distribution` type is enabled with this
//! factory at a fee covering its cycles. A redeploy upgrades in place; the ids of a deploy made before the
//! factory existed get it created. Needs every canister built (`scripts/build-canisters`).

use candid::Principal;
use icto_deploy::steps::Profile;
use icto_deploy::Options;
use icto_shared::backend::BackendConfig;
use icto_shared::contract::ContractType;
use icto_shared::distribution_factory::{DistributionFactorySettings, TemplateInfo};
use sha2::{Digest, Sha256};
use test_kit::platform::{DevnetNetwork, GATEWAY_PORT};
use test_kit::{Canister, Platform};

fn check_wiring(platform: &Platform, factory: &Canister) {
    let settings: DistributionFactorySettings = factory.query("get_settings", ());
    assert_eq!((settings.backend, settings.admins.clone()), (Some(platform.backend.id), vec![platform.deployer()]));
    let templates: Vec<TemplateInfo> = factory.query("list_templates", ());
    assert_eq!(templates.len(), 1, "one template, uploaded once");
    assert_eq!(templates[0].sha256, Sha256::digest(test_kit::wasm::built_gz("distribution")).to_vec());

    let config: BackendConfig = platform.backend.query("get_config", ());
    let (_, distribution) = config.contract_types.iter().find(|(t, _)| *t == ContractType::Distribution).expect("a Distribution type");
    assert_eq!((distribution.enabled, distribution.factory), (true, Some(factory.id)));
    let fee_cycles = u128::try_from(distribution.fee.0.clone()).unwrap() * config.payment.cycles_per_token / 100_000_000;
    assert!(fee_cycles >= distribution.cycles, "the fee pays for the cycles");
    assert_eq!(distribution.cycles, settings.cycles_per_campaign);
    assert_eq!(platform.devnet.controllers(factory.id), vec![platform.deployer()]);
}

#[test]
fn the_deploy_wires_the_distribution_factory_and_a_redeploy_upgrades_it_in_place() {
    let platform = Platform::deploy();
    let ids = &platform.deployed.config.canisters;
    assert_eq!(ids.distribution_factory, Some(platform.distribution_factory.id), "in the app's config");
    check_wiring(&platform, &platform.distribution_factory);

    let again = platform.redeploy().expect("redeploy");
    assert_eq!(again.config.canisters, *ids, "nothing created");
    check_wiring(&platform, &platform.distribution_factory);

    // The ids file of a deploy made before the factory existed: the factory is created and wired.
    let mut older = ids.clone();
    older.distribution_factory = None;
    let net = DevnetNetwork { devnet: platform.devnet.clone(), deployer: platform.deployer() };
    let options = Options {
        wasm_dir: test_kit::wasm::dir(),
        users: test_kit::platform::USERS.iter().map(|u| u.to_string()).collect(),
        fund: test_kit::platform::FUND,
        app_files: vec![("/index.html".into(), b"<!doctype html><title>ICTO</title>".to_vec())],
        profile: Profile::Local { gateway_port: GATEWAY_PORT },
    };
    let upgraded = futures::executor::block_on(icto_deploy::deploy(&net, &options, Some(older))).expect("deploy over older ids");
    let created = upgraded.config.canisters.distribution_factory.expect("created");
    assert_ne!(created, platform.distribution_factory.id);
    assert_ne!(created, Principal::anonymous());
    check_wiring(&platform, &Canister::new(&platform.devnet, created));
}
