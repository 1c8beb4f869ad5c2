//! The deploy as an ordered list of steps, one module per canister in `canisters/`. Every canister is
//! created first: the app's origin (from the assets canister's id) decides the test users' principals,
//! which the payment ledger is initialised with. Then each step installs and wires its canister.
//! A new canister: a module in `canisters/`, its creation in `create_canisters`, a line in `STEPS`.

use crate::canisters::{assets, backend, dev_identity, payment_ledger, storages, token_factory};
use crate::network::Network;
use anyhow::Context;
use candid::Principal;
use icto_shared::app_config::{AppConfig, CanisterIds};
use icto_shared::token_factory::TokenRecord;
use serde::Serialize;
use std::path::PathBuf;

/// Cycles each platform canister starts with.
pub const CYCLES_PER_CANISTER: u128 = 100_000_000_000_000;

pub struct Options {
    /// Where `scripts/build-canisters` wrote the wasm.
    pub wasm_dir: PathBuf,
    /// Test users to register with the dev identity provider and fund on the payment ledger.
    pub users: Vec<String>,
    /// Payment tokens (whole units) each test user starts with.
    pub fund: u64,
    /// The app's files as (URL path, bytes), with `/index.html`; `/config.json` is generated.
    pub app_files: Vec<(String, Vec<u8>)>,
    /// The port of the network's HTTP gateway, where the app is served at `http://<assets>.localhost:<port>`.
    pub gateway_port: u16,
}

impl Options {
    /// `<wasm_dir>/<name>.<ext>` as written by scripts/build-canisters (`ext`: "wasm" or "wasm.gz").
    pub fn wasm(&self, name: &str, ext: &str) -> anyhow::Result<Vec<u8>> {
        let path = self.wasm_dir.join(format!("{name}.{ext}"));
        std::fs::read(&path).with_context(|| format!("{} is missing: run scripts/build-canisters {name}", path.display()))
    }

    pub fn gateway_origin(&self, canister: Principal) -> String {
        format!("http://{canister}.localhost:{}", self.gateway_port)
    }
}

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct TestUser {
    pub name: String,
    pub principal: Principal,
}

/// What the steps have done so far.
pub struct Deployment {
    pub deployer: Principal,
    pub ids: CanisterIds,
    pub users: Vec<TestUser>,
    pub demo_token: Option<TokenRecord>,
    pub config: Option<AppConfig>,
}

impl Deployment {
    pub fn dev_identity(&self) -> Principal {
        self.ids.dev_identity.expect("created in the first step")
    }

    pub fn backend(&self) -> Principal {
        self.ids.backend.expect("created in the first step")
    }
}

/// What the deploy leaves, as `--summary-out` writes it (the e2e tests read it).
#[derive(Serialize, Debug)]
pub struct Deployed {
    pub app_url: String,
    pub app_origin: String,
    pub identity_provider_url: String,
    pub config: AppConfig,
    pub users: Vec<TestUser>,
    pub deployer: Principal,
    pub demo_token: Option<TokenRecord>,
}

#[derive(Clone, Copy, Debug)]
pub enum Step {
    DevIdentity,
    PaymentLedger,
    Storages,
    Backend,
    TokenFactory,
    Assets,
}

/// In order: each step may use what the steps before it did.
pub const STEPS: &[Step] =
    &[Step::DevIdentity, Step::PaymentLedger, Step::Storages, Step::Backend, Step::TokenFactory, Step::Assets];

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::DevIdentity => "dev identity provider and test users",
            Step::PaymentLedger => "payment ledger funding the test users",
            Step::Storages => "audit and invoice storages",
            Step::Backend => "backend gateway with the token fee and factory",
            Step::TokenFactory => "token factory, its template and a demo token",
            Step::Assets => "assets canister with the app and its config",
        }
    }

    async fn run<N: Network>(self, net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
        match self {
            Step::DevIdentity => dev_identity::deploy(net, options, d).await,
            Step::PaymentLedger => payment_ledger::deploy(net, options, d).await,
            Step::Storages => storages::deploy(net, options, d).await,
            Step::Backend => backend::deploy(net, options, d).await,
            Step::TokenFactory => token_factory::deploy(net, options, d).await,
            Step::Assets => assets::deploy(net, options, d).await,
        }
    }
}

async fn create_canisters<N: Network>(net: &N) -> anyhow::Result<CanisterIds> {
    let payment_ledger = net
        .create_canister(Some(payment_ledger::id()), CYCLES_PER_CANISTER)
        .await
        .context("creating the payment ledger")?;
    let dev_identity = net.create_canister(None, CYCLES_PER_CANISTER).await?;
    let assets = net.create_canister(None, CYCLES_PER_CANISTER).await?;
    let token_factory = net.create_canister(None, CYCLES_PER_CANISTER).await?;
    let backend = net.create_canister(None, CYCLES_PER_CANISTER).await?;
    let audit_storage = net.create_canister(None, CYCLES_PER_CANISTER).await?;
    let invoice_storage = net.create_canister(None, CYCLES_PER_CANISTER).await?;
    Ok(CanisterIds {
        token_factory,
        payment_ledger,
        assets,
        dev_identity: Some(dev_identity),
        backend: Some(backend),
        audit_storage: Some(audit_storage),
        invoice_storage: Some(invoice_storage),
    })
}

pub async fn deploy<N: Network>(net: &N, options: &Options) -> anyhow::Result<Deployed> {
    let ids = create_canisters(net).await?;
    eprintln!(
        "created: payment ledger {}, dev identity {}, assets {}, factory {}, backend {}",
        ids.payment_ledger,
        ids.dev_identity.expect("created"),
        ids.assets,
        ids.token_factory,
        ids.backend.expect("created")
    );
    let mut d = Deployment { deployer: net.deployer(), ids, users: vec![], demo_token: None, config: None };
    for (n, step) in STEPS.iter().enumerate() {
        eprintln!("deploy step {}/{}: {}", n + 1, STEPS.len(), step.name());
        step.run(net, options, &mut d).await.with_context(|| format!("deploy step: {}", step.name()))?;
    }
    let config = d.config.expect("the assets step writes the app config");
    let app_origin = options.gateway_origin(d.ids.assets);
    Ok(Deployed {
        app_url: format!("{app_origin}/"),
        app_origin,
        identity_provider_url: config.identity_provider_url.clone(),
        config,
        users: d.users,
        deployer: d.deployer,
        demo_token: d.demo_token,
    })
}
