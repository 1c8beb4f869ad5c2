//! The distribution factory: the distribution contract as its template (uploaded in chunks), the backend
//! gateway as the only caller that creates campaigns, the deployer as its admin, and the backend's
//! `Distribution` contract type (fee, cycles, enabled, this factory, which is thereby whitelisted to
//! report relationships). A re-run upgrades it in place; an earlier deploy without it gets it created.

use super::backend::CYCLES_PER_ICP;
use crate::network::{self, InstallMode, Network};
use crate::steps::{Deployment, Options};
use anyhow::{anyhow, Context};
use candid::{CandidType, Encode, Nat, Principal};
use icto_shared::backend::{BackendError, ContractTypeSettings};
use icto_shared::contract::ContractType;
use icto_shared::distribution_factory::limits::{DEFAULT_CYCLES_PER_CAMPAIGN, MAX_CHUNK_BYTES};
use icto_shared::distribution_factory::{DistributionFactoryError, DistributionFactoryInitArgs, TemplateInfo, TemplateUploadBegin};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

/// One campaign costs 0.5 payment token (the local ICP): 1.75T cycles at `CYCLES_PER_ICP`, above the
/// 1T the factory gives each campaign.
pub const DISTRIBUTION_FEE_E8S: u64 = 50_000_000;
/// Cycles a campaign deployment burns: what the factory gives each campaign (its default).
pub const DISTRIBUTION_CYCLES: u128 = DEFAULT_CYCLES_PER_CAMPAIGN;
const _: () = assert!(DISTRIBUTION_FEE_E8S as u128 * CYCLES_PER_ICP / 100_000_000 >= DISTRIBUTION_CYCLES);

async fn call<N: Network, A: CandidType, R: CandidType + DeserializeOwned>(
    net: &N,
    factory: Principal,
    method: &str,
    arg: A,
) -> anyhow::Result<R> {
    let (result,): (Result<R, DistributionFactoryError>,) = network::update(net, factory, method, (arg,)).await?;
    result.map_err(|e| anyhow!("distribution factory {method}: {e:?}"))
}

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
    call::<_, _, ()>(net, factory, "set_backend", Some(d.backend())).await?;

    // Gzipped: the factory installs the template as it is. A re-run uploads it only when it changed;
    // existing campaigns stay on their version until `upgrade_campaign`.
    let template = options.wasm("distribution", "wasm.gz")?;
    let sha256 = Sha256::digest(&template).to_vec();
    let (templates,): (Vec<TemplateInfo>,) = network::query(net, factory, "list_templates", ()).await?;
    match templates.iter().find(|t| t.sha256 == sha256) {
        Some(known) => eprintln!("distribution template v{} is current", known.version),
        None => {
            let info = upload_template(net, factory, &template, "distribution (local build)").await?;
            eprintln!("distribution template v{} uploaded ({} bytes)", info.version, info.size);
        }
    }

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

/// Uploads `module` as the factory's newest template.
pub async fn upload_template<N: Network>(net: &N, factory: Principal, module: &[u8], label: &str) -> anyhow::Result<TemplateInfo> {
    let begin = TemplateUploadBegin {
        sha256: Sha256::digest(module).to_vec(),
        label: label.to_string(),
        total_size: module.len() as u64,
        semver: None,
        release_notes: None,
    };
    call::<_, _, ()>(net, factory, "template_upload_begin", begin).await?;
    for chunk in module.chunks(MAX_CHUNK_BYTES) {
        call::<_, _, u64>(net, factory, "template_upload_chunk", serde_bytes::ByteBuf::from(chunk.to_vec())).await?;
    }
    call(net, factory, "template_upload_commit", ()).await
}
