//! The whole platform on a devnet in one call, deployed by the deploy tool's own steps (through
//! `DevnetNetwork`, the devnet library behind the tool's `Network` seam): the payment ledger funding
//! alice, bob and carol, the dev identity provider, the audit and invoice storages, the backend gateway,
//! the token factory with the ledger as its template and the backend as its only creator, alice's demo
//! token (paid by alice through the backend), the distribution factory with the distribution contract as
//! its template and the backend as its only creator, the multisig factory with the multisig wallet as
//! its template and the backend as its only creator, and the assets canister with a minimal app.

use crate::canister::Canister;
use crate::ledger::Ledger;
use crate::wasm;
use anyhow::anyhow;
use candid::Principal;
use devnet::Devnet;
use icto_deploy::network::{InstallMode, Network, SignedInUser};
use icto_deploy::steps::Profile;
use icto_deploy::{Deployed, Options};
use std::sync::Arc;

/// The deploy tool's network interface on the devnet library.
pub struct DevnetNetwork {
    pub devnet: Arc<Devnet>,
    pub deployer: Principal,
}

impl Network for DevnetNetwork {
    fn deployer(&self) -> Principal {
        self.deployer
    }

    async fn create_canister(&self, specified_id: Option<Principal>, cycles: u128) -> anyhow::Result<Principal> {
        let id = match specified_id {
            Some(id) => self.devnet.create_canister_with_id(id, self.deployer).map_err(|e| anyhow!("{e:?}"))?,
            None => self.devnet.create_canister(self.deployer),
        };
        let balance = self.devnet.cycle_balance(id);
        if balance < cycles {
            self.devnet.add_cycles(id, cycles - balance);
        }
        Ok(id)
    }

    async fn install(&self, canister: Principal, mode: InstallMode, wasm: Vec<u8>, arg: Vec<u8>) -> anyhow::Result<()> {
        match mode {
            InstallMode::Install => self.devnet.install_code(canister, wasm, arg, self.deployer),
            InstallMode::Upgrade => self.devnet.upgrade_canister(canister, wasm, arg, self.deployer),
        }
        .map_err(|e| anyhow!("{mode:?} on {canister}: {e:?}"))
    }

    async fn update(&self, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        self.devnet.update_call(canister, self.deployer, method, arg).map_err(|e| anyhow!("{method}: {e:?}"))
    }

    async fn query(&self, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        self.devnet.query_call(canister, self.deployer, method, arg).map_err(|e| anyhow!("{method}: {e:?}"))
    }

    /// The devnet library takes the sender as given (signatures are the HTTP interface's concern).
    async fn update_as(&self, user: &SignedInUser, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        self.devnet.update_call(canister, user.principal, method, arg).map_err(|e| anyhow!("{method} as {}: {e:?}", user.name))
    }
}

/// The deployed platform with a handle per canister.
pub struct Platform {
    pub devnet: Arc<Devnet>,
    pub deployed: Deployed,
    pub payment_ledger: Ledger,
    pub token_factory: Canister,
    pub distribution_factory: Canister,
    pub multisig_factory: Canister,
    pub assets: Canister,
    pub dev_identity: Canister,
    pub backend: Canister,
    pub audit_storage: Canister,
    pub invoice_storage: Canister,
}

pub const USERS: [&str; 3] = ["alice", "bob", "carol"];
/// What the deploy funds each user with, in whole payment tokens.
pub const FUND: u64 = 1_000;
/// The gateway port the users' principals are derived for (the app's origin).
pub const GATEWAY_PORT: u16 = 4943;

impl Platform {
    /// Deploys every platform canister on a fresh devnet.
    pub fn deploy() -> Platform {
        Platform::deploy_on(Arc::new(Devnet::new()))
    }

    pub fn deploy_on(devnet: Arc<Devnet>) -> Platform {
        let deployed = run_deploy(&devnet, None).unwrap_or_else(|e| panic!("deploying the platform: {e:?}"));
        let ids = deployed.config.canisters.clone();
        Platform {
            payment_ledger: Ledger(Canister::new(&devnet, ids.payment_ledger)),
            token_factory: Canister::new(&devnet, ids.token_factory),
            distribution_factory: Canister::new(&devnet, ids.distribution_factory.expect("deployed")),
            multisig_factory: Canister::new(&devnet, ids.multisig_factory.expect("deployed")),
            assets: Canister::new(&devnet, ids.assets),
            dev_identity: Canister::new(&devnet, ids.dev_identity.expect("deployed")),
            backend: Canister::new(&devnet, ids.backend.expect("deployed")),
            audit_storage: Canister::new(&devnet, ids.audit_storage.expect("deployed")),
            invoice_storage: Canister::new(&devnet, ids.invoice_storage.expect("deployed")),
            devnet,
            deployed,
        }
    }

    /// Runs the deploy tool's steps again on the deployed platform, as re-running `icto-deploy` with its
    /// `--canister-ids` file does: every canister is upgraded in place.
    pub fn redeploy(&self) -> anyhow::Result<Deployed> {
        run_deploy(&self.devnet, Some(self.deployed.config.canisters.clone()))
    }

    /// The deployer: controls every platform canister and is the platform's admin.
    pub fn deployer(&self) -> Principal {
        self.deployed.deployer
    }

    /// A test user's principal (as the dev identity provider signs them in to the app).
    pub fn user(&self, name: &str) -> Principal {
        self.deployed.users.iter().find(|u| u.name == name).unwrap_or_else(|| panic!("no test user {name}")).principal
    }
}

fn run_deploy(devnet: &Arc<Devnet>, existing: Option<icto_shared::app_config::CanisterIds>) -> anyhow::Result<Deployed> {
    let net = DevnetNetwork { devnet: devnet.clone(), deployer: icto_deploy::agent::deployer_principal() };
    let options = Options {
        wasm_dir: wasm::dir(),
        users: USERS.iter().map(|u| u.to_string()).collect(),
        fund: FUND,
        app_files: vec![("/index.html".into(), b"<!doctype html><title>ICTO</title>".to_vec())],
        profile: Profile::Local { gateway_port: GATEWAY_PORT },
    };
    futures::executor::block_on(icto_deploy::deploy(&net, &options, existing))
}
