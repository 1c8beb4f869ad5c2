//! The distribution factory: the distribution contract as its template (uploaded in chunks), the backend
//! gateway as the only caller that creates campaigns, the deployer as its admin, and the backend's
//! `Distribution` contract type (fee, cycles, enabled, this factory, which is thereby whitelisted to
//! report relationships). A re-run upgrades it in place; an earlier deploy without it gets it created.

use super::backend::CYCLES_PER_ICP;
use super::templates::ContractFactory;
use crate::network::Network;
use crate::steps::{Deployment, Options};
use candid::Encode;
use icto_shared::contract::ContractType;
use icto_shared::distribution_factory::limits::{DEFAULT_CYCLES_PER_CAMPAIGN, MAX_CHUNK_BYTES};
use icto_shared::distribution_factory::{DistributionFactoryError, DistributionFactoryInitArgs};

/// One campaign costs 0.5 payment token (the local ICP): 1.75T cycles at `CYCLES_PER_ICP`, above the
/// 1T the factory gives each campaign.
pub const DISTRIBUTION_FEE_E8S: u64 = 50_000_000;
/// Cycles a campaign deployment burns: what the factory gives each campaign (its default).
pub const DISTRIBUTION_CYCLES: u128 = DEFAULT_CYCLES_PER_CAMPAIGN;
const _: () = assert!(DISTRIBUTION_FEE_E8S as u128 * CYCLES_PER_ICP / 100_000_000 >= DISTRIBUTION_CYCLES);

pub const STEP: ContractFactory = ContractFactory {
    canister: "distribution_factory",
    label: "distribution factory",
    template: "distribution",
    max_chunk_bytes: MAX_CHUNK_BYTES,
    id: |ids| &mut ids.distribution_factory,
    contract_type: ContractType::Distribution,
    fee_e8s: DISTRIBUTION_FEE_E8S,
    cycles: DISTRIBUTION_CYCLES,
};

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let init = DistributionFactoryInitArgs { admins: vec![d.deployer], backend: Some(d.backend()), cycles_per_campaign: None };
    STEP.deploy::<DistributionFactoryError, _>(net, options, d, Encode!(&init)?).await?;
    Ok(())
}
