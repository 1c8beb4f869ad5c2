//! The deploy as an ordered list of steps, one module per canister in `canisters/`. Every canister is
//! created first: the app's origin (from the assets canister's id) decides the test users' principals,
//! which the payment ledger is initialised with. Then each step installs and wires its canister.
//! Given the ids of an earlier deploy, nothing is created: each step upgrades its canister in place
//! (stable memory, so every user's data, is kept) and re-applies its wiring, which is idempotent.
//! A new canister: a module in `canisters/`, its creation in `create_canisters`, a line in `STEPS`.

use crate::canisters::{assets, backend, dev_identity, distribution_factory, multisig_factory, payment_ledger, storages, token_factory};
use crate::network::{InstallMode, Network};
use anyhow::Context;
use candid::Principal;
use icto_shared::app_config::{AppConfig, CanisterIds};
use icto_shared::token_factory::TokenRecord;
use serde::Serialize;
use std::path::PathBuf;

/// Cycles each platform canister starts with on a local network (free there).
pub const CYCLES_PER_CANISTER: u128 = 100_000_000_000_000;

/// Where the platform goes: a network on this machine (the dev identity provider, a payment ledger
/// standing in for ICP, funded test users) or the IC (the real ICP ledger and Internet Identity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Local { gateway_port: u16 },
    Ic,
}

/// The ICP ledger's id on mainnet (the local payment ledger takes the same id, where wallets expect it).
pub const ICP_LEDGER: &str = "ryjl3-tyaaa-aaaaa-aaaba-cai";
/// Where users log in on mainnet.
pub const INTERNET_IDENTITY_URL: &str = "https://identity.internetcomputer.org/";
/// The IC's API boundary nodes.
pub const IC_API_URL: &str = "https://icp-api.io";

pub struct Options {
    /// Where `scripts/build-canisters` wrote the wasm.
    pub wasm_dir: PathBuf,
    /// Test users to register with the dev identity provider and fund on the payment ledger.
    pub users: Vec<String>,
    /// Payment tokens (whole units) each test user starts with.
    pub fund: u64,
    /// The app's files as (URL path, bytes), with `/index.html`; `/config.json` is generated.
    pub app_files: Vec<(String, Vec<u8>)>,
    pub profile: Profile,
}

impl Options {
    /// `<wasm_dir>/<name>.<ext>` as written by scripts/build-canisters (`ext`: "wasm" or "wasm.gz").
    pub fn wasm(&self, name: &str, ext: &str) -> anyhow::Result<Vec<u8>> {
        let path = self.wasm_dir.join(format!("{name}.{ext}"));
        std::fs::read(&path).with_context(|| format!("{} is missing: run scripts/build-canisters {name}", path.display()))
    }

    /// Where a canister's HTTP interface (the app, the identity provider) is served.
    pub fn gateway_origin(&self, canister: Principal) -> String {
        match self.profile {
            Profile::Local { gateway_port } => format!("http://{canister}.localhost:{gateway_port}"),
            Profile::Ic => format!("https://{canister}.icp0.io"),
        }
    }

    /// The platform canisters this deploy creates, with the cycles each starts with. Locally cycles are
    /// free; on the IC they come from the operator's cycles ledger balance (the subnet's creation fee,
    /// 0.5T on a 13-node subnet, is taken from each amount).
    pub fn canisters_to_create(&self) -> Vec<(&'static str, u128)> {
        const T: u128 = 1_000_000_000_000;
        match self.profile {
            Profile::Local { .. } => [
                "payment_ledger",
                "dev_identity",
                "assets",
                "token_factory",
                "distribution_factory",
                "multisig_factory",
                "backend",
                "audit_storage",
                "invoice_storage",
            ]
            .into_iter()
            .map(|name| (name, CYCLES_PER_CANISTER))
            .collect(),
            // The factory gives each token it creates 2T (the backend's fee covers it); 10T lasts until
            // the cycles watch's low-balance mark tells the operator to top it up. The distribution
            // factory gives each campaign 1T, the multisig factory each wallet 1T (their fees cover it too).
            Profile::Ic => vec![
                ("assets", 2 * T),
                ("token_factory", 10 * T),
                ("distribution_factory", 10 * T),
                ("multisig_factory", 10 * T),
                ("backend", 3 * T),
                ("audit_storage", 2 * T),
                ("invoice_storage", 2 * T),
            ],
        }
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
    /// Install on a first deploy, upgrade on a re-run.
    pub mode: InstallMode,
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

    /// Puts `wasm` on `canister`: installed with `init_arg`, or upgraded with `upgrade_arg`.
    pub async fn put_code<N: Network>(
        &self,
        net: &N,
        canister: Principal,
        wasm: Vec<u8>,
        init_arg: Vec<u8>,
        upgrade_arg: Vec<u8>,
    ) -> anyhow::Result<()> {
        let arg = match self.mode {
            InstallMode::Install => init_arg,
            InstallMode::Upgrade => upgrade_arg,
        };
        net.install(canister, self.mode, wasm, arg).await
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
    DistributionFactory,
    MultisigFactory,
    Assets,
}

/// In order: each step may use what the steps before it did.
pub const STEPS: &[Step] = &[
    Step::DevIdentity,
    Step::PaymentLedger,
    Step::Storages,
    Step::Backend,
    Step::TokenFactory,
    Step::DistributionFactory,
    Step::MultisigFactory,
    Step::Assets,
];

/// The steps for a profile: on the IC there is no dev identity provider and the payment ledger is ICP's.
pub fn steps_for(profile: Profile) -> Vec<Step> {
    STEPS
        .iter()
        .copied()
        .filter(|step| !(profile == Profile::Ic && matches!(step, Step::DevIdentity | Step::PaymentLedger)))
        .collect()
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::DevIdentity => "dev identity provider and test users",
            Step::PaymentLedger => "payment ledger funding the test users",
            Step::Storages => "audit and invoice storages",
            Step::Backend => "backend gateway with the token fee and factory",
            Step::TokenFactory => "token factory, its template and a demo token",
            Step::DistributionFactory => "distribution factory, its template and the backend's distribution type",
            Step::MultisigFactory => "multisig factory, its template and the backend's multisig type",
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
            Step::DistributionFactory => distribution_factory::deploy(net, options, d).await,
            Step::MultisigFactory => multisig_factory::deploy(net, options, d).await,
            Step::Assets => assets::deploy(net, options, d).await,
        }
    }
}

async fn create_canisters<N: Network>(net: &N, options: &Options) -> anyhow::Result<CanisterIds> {
    let mut created = std::collections::BTreeMap::new();
    for (name, cycles) in options.canisters_to_create() {
        // The local payment ledger takes the ICP ledger's id, where wallets and the app expect it.
        let specified = (name == "payment_ledger").then(|| Principal::from_text(ICP_LEDGER).expect("a valid id"));
        let id = net.create_canister(specified, cycles).await.with_context(|| format!("creating {name}"))?;
        eprintln!("created {name}: {id}");
        created.insert(name, id);
    }
    let id = |name: &str| created.get(name).copied();
    Ok(CanisterIds {
        token_factory: id("token_factory").expect("always created"),
        payment_ledger: id("payment_ledger").unwrap_or_else(|| Principal::from_text(ICP_LEDGER).expect("a valid id")),
        assets: id("assets").expect("always created"),
        dev_identity: id("dev_identity"),
        backend: id("backend"),
        audit_storage: id("audit_storage"),
        invoice_storage: id("invoice_storage"),
        distribution_factory: id("distribution_factory"),
        multisig_factory: id("multisig_factory"),
    })
}

/// Deploys the platform: on a fresh network when `existing` is `None`; otherwise upgrades the canisters
/// of an earlier deploy in place (their state kept) and re-applies the wiring.
pub async fn deploy<N: Network>(net: &N, options: &Options, existing: Option<CanisterIds>) -> anyhow::Result<Deployed> {
    let (ids, mode) = match existing {
        Some(ids) => (ids, InstallMode::Upgrade),
        None => (create_canisters(net, options).await?, InstallMode::Install),
    };
    let mut d = Deployment { deployer: net.deployer(), mode, ids, users: vec![], demo_token: None, config: None };
    let steps = steps_for(options.profile);
    for (n, step) in steps.iter().enumerate() {
        eprintln!("deploy step {}/{} ({:?}): {}", n + 1, steps.len(), mode, step.name());
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
