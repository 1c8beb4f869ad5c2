//! The multisig factory: the multisig wallet as its template (uploaded in chunks), the backend gateway as
//! the only caller that creates wallets, the deployer as its admin, and the backend's `Multisig` contract
//! type (fee, cycles, enabled, this factory, which is thereby whitelisted to report relationships). A
//! re-run upgrades it in place; an earlier deploy without it gets it created.

use super::backend::CYCLES_PER_ICP;
use super::templates::ContractFactory;
use crate::network::Network;
use crate::steps::{Deployment, Options};
use candid::Encode;
use icto_shared::contract::ContractType;
use icto_shared::multisig_factory::limits::{DEFAULT_CYCLES_PER_WALLET, MAX_CHUNK_BYTES};
use icto_shared::multisig_factory::{MultisigFactoryError, MultisigFactoryInitArgs};

/// One wallet costs 0.5 payment token (the local ICP): 1.75T cycles at `CYCLES_PER_ICP`, above the 1T
/// the factory gives each wallet.
pub const MULTISIG_FEE_E8S: u64 = 50_000_000;
/// Cycles a wallet deployment burns: what the factory gives each wallet (its default).
pub const MULTISIG_CYCLES: u128 = DEFAULT_CYCLES_PER_WALLET;
const _: () = assert!(MULTISIG_FEE_E8S as u128 * CYCLES_PER_ICP / 100_000_000 >= MULTISIG_CYCLES);

pub const STEP: ContractFactory = ContractFactory {
    canister: "multisig_factory",
    label: "multisig factory",
    template: "multisig",
    max_chunk_bytes: MAX_CHUNK_BYTES,
    id: |ids| &mut ids.multisig_factory,
    contract_type: ContractType::Multisig,
    fee_e8s: MULTISIG_FEE_E8S,
    cycles: MULTISIG_CYCLES,
};

pub async fn deploy<N: Network>(net: &N, options: &Options, d: &mut Deployment) -> anyhow::Result<()> {
    let init = MultisigFactoryInitArgs { admins: vec![d.deployer], backend: Some(d.backend()), cycles_per_wallet: None };
    STEP.deploy::<MultisigFactoryError, _>(net, options, d, Encode!(&init)?).await?;
    Ok(())
}
