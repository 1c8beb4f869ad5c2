//! The distribution factory: the distribution contract as its template (uploaded in chunks), the backend
//! gateway as the only caller that creates campaigns, the deployer as its admin, and the backend's
//! `Distribution` contract type (fee, cycles, enabled, this factory, which is thereby whitelisted to
//! report relationships). A re-run upgrades it in place; an earlier deploy without it gets it created.

use super::backend::CYCLES_PER_ICP;
use super::templates::Factory;
use crate::network::{self, InstallMode, Network};
use crate::steps::{Deployment, Options};
use anyhow::{anyhow, Context};
use candid::{Encode, Nat};
use icto_shared::backend::{BackendError, ContractTypeSettings};
use icto_shared::contract::ContractType;
use icto_shared::distribution_factory::limits::{DEFAULT_CYCLES_PER_CAMPAIGN, MAX_CHUNK_BYTES};
use icto_shared::distribution_factory::{DistributionFactoryError, DistributionFactoryInitArgs};

/// One campaign costs 0.5 payment token (the local ICP): 1.75T cycles at `CYCLES_PER_ICP`, above the
/// 1T the factory gives each campaign.
pub const DISTRIBUTION_FEE_E8S: u64 = 50_000_000;
/// Cycles a campaign deployment burns: what the factory gives each campaign (its default).
pub const DISTRIBUTION_CYCLES: u128 = DEFAULT_CYCLES_PER_CAMPAIGN;
const _: () = assert!(DISTRIBUTION_FEE_E8S as u128 * CYCLES_PER_ICP / 100_000_000 >= DISTRIBUTION_CYCLES);

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let (factory, mode) = match d.ids.distribution_factory {
        Some(id) => (id, d.mode),
        None => {
            // The canister ids of a deploy made before the factory existed: create it now.
            let cycles = options
                .canisters_to_create()
                .into_iter()
                .find_map(|(name, cycles)| (name == "distribution_factory").then_some(cycles))
                .unwrap_or(crate::steps::CYCLES_PER_CANISTER);
            let id = net.create_canister(None, cycles).await.context("creating distribution_factory")?;
            eprintln!("created distribution_factory: {id}");
            d.ids.distribution_factory = Some(id);
            (id, InstallMode::Install)
        }
    };
    let init = DistributionFactoryInitArgs { admins: vec![d.deployer], backend: Some(d.backend()), cycles_per_campaign: None };
    let arg = match mode {
        InstallMode::Install => Encode!(&init)?,
        InstallMode::Upgrade => Encode!()?,
    };
    net.install(factory, mode, options.wasm("distribution_factory", "wasm")?, arg).await?;
    // The backend may have changed since the install (the init argument only counts once).
    let calls = Factory::<DistributionFactoryError>::new(factory, "distribution factory");
    calls.call::<_, _, ()>(net, "set_backend", Some(d.backend())).await?;

    // Gzipped: the factory installs the template as it is; uploaded only when it changed (existing
    // campaigns stay on their version until `upgrade_campaign`).
    let template = options.wasm("distribution", "wasm.gz")?;
    calls.ensure_template(net, &template, "distribution", MAX_CHUNK_BYTES).await?;

    let settings = ContractTypeSettings {
        fee: Nat::from(DISTRIBUTION_FEE_E8S),
        cycles: DISTRIBUTION_CYCLES,
        enabled: true,
        factory: Some(factory),
    };
    let (set,): (Result<(), BackendError>,) =
        network::update(net, d.backend(), "set_contract_type", (ContractType::Distribution, settings)).await?;
    set.map_err(|e| anyhow!("backend set_contract_type Distribution: {e:?}"))
}
