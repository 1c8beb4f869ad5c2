//! What the deploy does the same way for every factory: typed calls (`Result<R, the factory's error>`),
//! and its contract template: upload the (gzipped) module in chunks as
//! the factory's newest template, unless a template with its hash is already there (a re-run uploads it
//! only when it changed; the factory refuses a template that is not newer, and existing contracts stay
//! on their version until upgraded). A factory of the backend's paid flow (distribution, multisig) is one
//! `ContractFactory` step: create (if an earlier deploy has none) and install or upgrade it, set the
//! backend, make the contract wasm its template, and enable the backend's contract type with it.

use crate::network::{self, InstallMode, Network};
use crate::steps::{Deployment, Options};
use anyhow::{anyhow, Context};
use candid::{CandidType, Encode, Nat, Principal};
use icto_shared::app_config::CanisterIds;
use icto_shared::backend::{BackendError, ContractTypeSettings};
use icto_shared::contract::ContractType;
use icto_shared::template::{TemplateInfo, TemplateUploadBegin};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::fmt::Debug;
use std::marker::PhantomData;

/// A factory: its id, what the log calls it ("token factory") and its error type `E`.
pub struct Factory<E> {
    pub id: Principal,
    pub name: &'static str,
    pub error: PhantomData<E>,
}

impl<E: CandidType + DeserializeOwned + Debug> Factory<E> {
    pub fn new(id: Principal, name: &'static str) -> Factory<E> {
        Factory { id, name, error: PhantomData }
    }

    /// An update that replies `Result<R, E>`, as `anyhow`.
    pub async fn call<N: Network, A: CandidType, R: CandidType + DeserializeOwned>(&self, net: &N, method: &str, arg: A) -> anyhow::Result<R> {
        let (result,): (Result<R, E>,) = network::update(net, self.id, method, (arg,)).await?;
        result.map_err(|e| anyhow!("{} {method}: {e:?}", self.name))
    }

    /// Makes `module` the factory's current template: nothing when it is there already, else an upload.
    /// `name` names the template in the log ("token", "distribution").
    pub async fn ensure_template<N: Network>(&self, net: &N, module: &[u8], name: &str, max_chunk_bytes: usize) -> anyhow::Result<()> {
        let sha256 = Sha256::digest(module).to_vec();
        let (templates,): (Vec<TemplateInfo>,) = network::query(net, self.id, "list_templates", ()).await?;
        match templates.iter().find(|t| t.sha256 == sha256) {
            Some(known) => eprintln!("{name} template v{} is current", known.version),
            None => {
                let info = self.upload_template(net, module, &format!("{name} (local build)"), max_chunk_bytes).await?;
                eprintln!("{name} template v{} uploaded ({} bytes)", info.version, info.size);
            }
        }
        Ok(())
    }

    /// Uploads `module` as the factory's newest template, in chunks of at most `max_chunk_bytes`.
    pub async fn upload_template<N: Network>(&self, net: &N, module: &[u8], label: &str, max_chunk_bytes: usize) -> anyhow::Result<TemplateInfo> {
        let begin = TemplateUploadBegin {
            sha256: Sha256::digest(module).to_vec(),
            label: label.to_string(),
            total_size: module.len() as u64,
            semver: None,
            release_notes: None,
        };
        self.call::<_, _, ()>(net, "template_upload_begin", begin).await?;
        for chunk in module.chunks(max_chunk_bytes) {
            self.call::<_, _, u64>(net, "template_upload_chunk", serde_bytes::ByteBuf::from(chunk.to_vec())).await?;
        }
        self.call(net, "template_upload_commit", ()).await
    }
}

/// A factory of the backend's paid flow, as the deploy installs and wires it.
pub struct ContractFactory {
    /// Its canister (and wasm) name: "distribution_factory".
    pub canister: &'static str,
    /// What the log calls it: "distribution factory".
    pub label: &'static str,
    /// The contract it deploys (its template's wasm name): "distribution".
    pub template: &'static str,
    pub max_chunk_bytes: usize,
    /// Its slot in the platform's canister ids.
    pub id: fn(&mut CanisterIds) -> &mut Option<Principal>,
    /// The backend's type it serves, the fee (payment token units) and the cycles a deployment burns.
    pub contract_type: ContractType,
    pub fee_e8s: u64,
    pub cycles: u128,
}

impl ContractFactory {
    /// Installs (with `init`, the factory's Candid-encoded init argument) or upgrades the factory, sets
    /// the backend, makes the contract wasm its template and enables the backend's type with this factory
    /// (which is thereby whitelisted to report relationships). The ids of a deploy made before the factory
    /// existed get it created now.
    pub async fn deploy<E, N>(&self, net: &N, options: &Options, d: &mut Deployment, init: Vec<u8>) -> anyhow::Result<Principal>
    where
        E: CandidType + DeserializeOwned + Debug,
        N: Network,
    {
        let (factory, mode) = match *(self.id)(&mut d.ids) {
            Some(id) => (id, d.mode),
            None => {
                let cycles = options
                    .canisters_to_create()
                    .into_iter()
                    .find_map(|(name, cycles)| (name == self.canister).then_some(cycles))
                    .unwrap_or(crate::steps::CYCLES_PER_CANISTER);
                let id = net.create_canister(None, cycles).await.with_context(|| format!("creating {}", self.canister))?;
                eprintln!("created {}: {id}", self.canister);
                *(self.id)(&mut d.ids) = Some(id);
                (id, InstallMode::Install)
            }
        };
        let arg = match mode {
            InstallMode::Install => init,
            InstallMode::Upgrade => Encode!()?,
        };
        net.install(factory, mode, options.wasm(self.canister, "wasm")?, arg).await?;
        // The backend may have changed since the install (the init argument only counts once).
        let calls = Factory::<E>::new(factory, self.label);
        calls.call::<_, _, ()>(net, "set_backend", Some(d.backend())).await?;

        // Gzipped: the factory installs the template as it is; uploaded only when it changed (existing
        // contracts stay on their version until upgraded).
        let template = options.wasm(self.template, "wasm.gz")?;
        calls.ensure_template(net, &template, self.template, self.max_chunk_bytes).await?;

        let settings = ContractTypeSettings { fee: Nat::from(self.fee_e8s), cycles: self.cycles, enabled: true, factory: Some(factory) };
        let (set,): (Result<(), BackendError>,) =
            network::update(net, d.backend(), "set_contract_type", (self.contract_type, settings)).await?;
        set.map_err(|e| anyhow!("backend set_contract_type {:?}: {e:?}", self.contract_type))?;
        Ok(factory)
    }
}
