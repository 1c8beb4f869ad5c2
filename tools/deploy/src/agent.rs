//! The deploy over the IC HTTP interface with ic-agent: locally as the development deployer key,
//! creating canisters with the local network's provisional API; on the IC as the operator's identity,
//! creating them through the cycles ledger (paid from the operator's cycles balance).

use crate::network::{InstallMode, Network, SignedInUser};
use ic_agent::Identity;
use icto_shared::dev_identity::{self as dev_identity_api, DevIdentityError};
use anyhow::{anyhow, Context};
use candid::{Encode, Nat, Principal};
use ic_agent::identity::BasicIdentity;
use ic_agent::Agent;
use ic_management_canister_types::{
    CanisterIdRecord, CanisterInstallMode, CanisterSettings, InstallCodeArgs, ProvisionalCreateCanisterWithCyclesArgs,
};
use sha2::{Digest, Sha256};

/// A fixed development key: the deployer controls every canister it creates on the local devnet.
fn deployer_secret() -> [u8; 32] {
    Sha256::digest(b"icto-devnet-deployer").into()
}

pub fn deployer_identity() -> BasicIdentity {
    BasicIdentity::from_raw_key(&deployer_secret())
}

/// The deployer's principal (the same on every network).
pub fn deployer_principal() -> Principal {
    use ic_agent::Identity;
    deployer_identity().sender().expect("an Ed25519 identity has a principal")
}

/// The deployer's key as a PKCS#8 PEM, the form dfx and `devnet canister --identity` read.
pub fn deployer_pem() -> String {
    use base64::Engine;
    // PKCS#8 v1 for Ed25519 is this fixed prefix followed by the 32-byte seed (RFC 8410).
    let mut der = vec![0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
    der.extend_from_slice(&deployer_secret());
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    format!("-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n")
}

pub struct AgentNetwork {
    agent: Agent,
    deployer: Principal,
    url: String,
    root_key: Vec<u8>,
    creation: Creation,
}

/// How canisters come into being.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Creation {
    /// `provisional_create_canister_with_cycles`: local networks only (the IC refuses it).
    Provisional,
    /// The cycles ledger's `create_canister`, paid from the deployer's cycles balance.
    CyclesLedger,
}

/// The cycles ledger on mainnet.
pub const CYCLES_LEDGER: &str = "um5iw-rqaaa-aaaaq-qaaba-cai";

impl AgentNetwork {
    /// An agent for `url` that trusts `root_key` (DER), signing as the deployer.
    pub fn connect(url: &str, root_key: Vec<u8>) -> anyhow::Result<AgentNetwork> {
        let agent = Agent::builder().with_url(url).with_identity(deployer_identity()).build()?;
        agent.set_root_key(root_key.clone());
        let deployer = agent.get_principal().map_err(|e| anyhow!(e))?;
        Ok(AgentNetwork { agent, deployer, url: url.to_string(), root_key, creation: Creation::Provisional })
    }

    /// An agent for the IC at `url` signing as the operator's PEM identity (Ed25519, secp256k1 as dfx
    /// writes them, or P-256). Mainnet's root key is the one built into the agent, never fetched.
    pub fn connect_ic(url: &str, identity_pem: &std::path::Path) -> anyhow::Result<AgentNetwork> {
        let pem = std::fs::read(identity_pem).with_context(|| format!("reading {}", identity_pem.display()))?;
        let identity: Box<dyn Identity> = if let Ok(id) = BasicIdentity::from_pem(&pem) {
            Box::new(id)
        } else if let Ok(id) = ic_agent::identity::Secp256k1Identity::from_pem(&pem) {
            Box::new(id)
        } else {
            Box::new(ic_agent::identity::Prime256v1Identity::from_pem(&pem).map_err(|e| {
                anyhow!("{} is not an Ed25519, secp256k1 or P-256 private key in PEM: {e}", identity_pem.display())
            })?)
        };
        let agent = Agent::builder().with_url(url).with_boxed_identity(identity).build()?;
        let deployer = agent.get_principal().map_err(|e| anyhow!(e))?;
        Ok(AgentNetwork { agent, deployer, url: url.to_string(), root_key: vec![], creation: Creation::CyclesLedger })
    }

    pub fn deployer_principal(&self) -> Principal {
        self.deployer
    }

    /// A canister made by the cycles ledger with `cycles` from the deployer's balance, controlled by the
    /// deployer. `created_at_time` makes a retried request a duplicate, not a second canister.
    async fn create_with_cycles_ledger(&self, cycles: u128) -> anyhow::Result<Principal> {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_nanos() as u64;
        let args = cycles_ledger::CreateCanisterArgs {
            from_subaccount: None,
            created_at_time: Some(now),
            amount: Nat::from(cycles),
            creation_args: Some(cycles_ledger::CmcCreateCanisterArgs {
                settings: Some(CanisterSettings { controllers: Some(vec![self.deployer]), ..Default::default() }),
                subnet_selection: None,
            }),
        };
        let ledger = Principal::from_text(CYCLES_LEDGER).expect("a valid id");
        let reply = self.agent.update(&ledger, "create_canister").with_arg(Encode!(&args)?).call_and_wait().await?;
        match candid::decode_one::<Result<cycles_ledger::CreateCanisterSuccess, cycles_ledger::CreateCanisterError>>(&reply)? {
            Ok(created) => Ok(created.canister_id),
            Err(cycles_ledger::CreateCanisterError::InsufficientFunds { balance }) => Err(anyhow!(
                "the cycles ledger holds {balance} cycles for {}: not enough for {cycles}; top it up first",
                self.deployer
            )),
            Err(e) => Err(anyhow!("the cycles ledger could not create a canister: {e:?}")),
        }
    }

    /// An agent signing as `user`: a session key delegated to by the dev identity provider, as the app
    /// signs in (the provider is a development tool: anyone may ask it for any test user's delegation).
    async fn agent_as(&self, user: &SignedInUser) -> anyhow::Result<Agent> {
        let session = BasicIdentity::from_raw_key(&Sha256::digest(format!("icto-deploy-session:{}", user.name)).into());
        let session_public_key = session.public_key().ok_or_else(|| anyhow!("an Ed25519 key has a public key"))?;
        let prepare = dev_identity_api::PrepareDelegationArgs {
            user: user.name.clone(),
            origin: user.origin.clone(),
            session_public_key: session_public_key.clone(),
            max_time_to_live: Some(600_000_000_000),
        };
        let reply = self.agent.update(&user.dev_identity, "prepare_delegation").with_arg(Encode!(&prepare)?).call_and_wait().await?;
        let prepared = candid::decode_one::<Result<dev_identity_api::PreparedDelegation, DevIdentityError>>(&reply)?
            .map_err(|e| anyhow!("prepare_delegation for {}: {e:?}", user.name))?;
        let get = dev_identity_api::GetDelegationArgs {
            user: user.name.clone(),
            origin: user.origin.clone(),
            session_public_key: session_public_key.clone(),
            expiration: prepared.expiration,
        };
        let reply = self.agent.query(&user.dev_identity, "get_delegation").with_arg(Encode!(&get)?).call().await?;
        let signed = candid::decode_one::<Result<dev_identity_api::SignedDelegation, DevIdentityError>>(&reply)?
            .map_err(|e| anyhow!("get_delegation for {}: {e:?}", user.name))?;
        let chain = vec![ic_transport_types::SignedDelegation {
            delegation: ic_transport_types::Delegation {
                pubkey: signed.delegation.pubkey,
                expiration: signed.delegation.expiration,
                targets: signed.delegation.targets,
                permissions: None,
            },
            signature: signed.signature,
        }];
        let identity = ic_agent::identity::DelegatedIdentity::new_unchecked(prepared.user_public_key, Box::new(session), chain);
        let agent = Agent::builder().with_url(&self.url).with_identity(identity).build()?;
        agent.set_root_key(self.root_key.clone());
        Ok(agent)
    }
}

/// The cycles ledger's `create_canister` (dfinity/cycles-ledger, cycles-ledger.did).
mod cycles_ledger {
    use candid::{CandidType, Deserialize, Nat, Principal};
    use ic_management_canister_types::CanisterSettings;

    #[derive(CandidType)]
    pub struct CreateCanisterArgs {
        pub from_subaccount: Option<serde_bytes::ByteBuf>,
        pub created_at_time: Option<u64>,
        pub amount: Nat,
        pub creation_args: Option<CmcCreateCanisterArgs>,
    }

    #[derive(CandidType)]
    pub struct CmcCreateCanisterArgs {
        pub settings: Option<CanisterSettings>,
        /// Left empty: the cycles minting canister picks an application subnet.
        pub subnet_selection: Option<SubnetSelection>,
    }

    #[derive(CandidType)]
    #[allow(dead_code)]
    pub enum SubnetSelection {
        Subnet { subnet: Principal },
        Filter(SubnetFilter),
    }

    #[derive(CandidType)]
    pub struct SubnetFilter {
        pub subnet_type: Option<String>,
    }

    #[derive(CandidType, Deserialize)]
    pub struct CreateCanisterSuccess {
        pub block_id: Nat,
        pub canister_id: Principal,
    }

    #[derive(CandidType, Deserialize, Debug)]
    pub enum CreateCanisterError {
        InsufficientFunds { balance: Nat },
        TooOld,
        CreatedInFuture { ledger_time: u64 },
        TemporarilyUnavailable,
        Duplicate { duplicate_of: Nat, canister_id: Option<Principal> },
        FailedToCreate { fee_block: Option<Nat>, refund_block: Option<Nat>, error: String },
        GenericError { message: String, error_code: Nat },
    }
}

impl Network for AgentNetwork {
    fn deployer(&self) -> Principal {
        self.deployer
    }

    async fn create_canister(&self, specified_id: Option<Principal>, cycles: u128) -> anyhow::Result<Principal> {
        if self.creation == Creation::CyclesLedger {
            anyhow::ensure!(specified_id.is_none(), "the IC does not create canisters at a chosen id");
            return self.create_with_cycles_ledger(cycles).await;
        }
        let args = ProvisionalCreateCanisterWithCyclesArgs {
            amount: Some(Nat::from(cycles)),
            settings: Some(CanisterSettings { controllers: Some(vec![self.deployer]), ..Default::default() }),
            specified_id,
            sender_canister_version: None,
        };
        let reply = self
            .agent
            .update(&Principal::management_canister(), "provisional_create_canister_with_cycles")
            .with_effective_canister_id(specified_id.unwrap_or(Principal::management_canister()))
            .with_arg(Encode!(&args)?)
            .call_and_wait()
            .await
            .context("provisional_create_canister_with_cycles")?;
        Ok(candid::decode_one::<CanisterIdRecord>(&reply)?.canister_id)
    }

    async fn install(&self, canister: Principal, mode: InstallMode, wasm: Vec<u8>, arg: Vec<u8>) -> anyhow::Result<()> {
        let args = InstallCodeArgs {
            mode: match mode {
                InstallMode::Install => CanisterInstallMode::Install,
                InstallMode::Upgrade => CanisterInstallMode::Upgrade(None),
            },
            canister_id: canister,
            wasm_module: wasm,
            arg,
            sender_canister_version: None,
        };
        self.agent
            .update(&Principal::management_canister(), "install_code")
            .with_effective_canister_id(canister)
            .with_arg(Encode!(&args)?)
            .call_and_wait()
            .await
            .with_context(|| format!("install_code on {canister}"))?;
        Ok(())
    }

    async fn update(&self, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        Ok(self.agent.update(&canister, method).with_arg(arg).call_and_wait().await?)
    }

    async fn query(&self, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        Ok(self.agent.query(&canister, method).with_arg(arg).call().await?)
    }

    async fn update_as(&self, user: &SignedInUser, canister: Principal, method: &str, arg: Vec<u8>) -> anyhow::Result<Vec<u8>> {
        anyhow::ensure!(self.creation == Creation::Provisional, "test users exist on local networks only");
        let agent = self.agent_as(user).await?;
        Ok(agent.update(&canister, method).with_arg(arg).call_and_wait().await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deployer_pem_reads_back_as_the_deployer() {
        use ic_agent::Identity;
        let from_pem = BasicIdentity::from_pem(deployer_pem().as_bytes()).expect("a PKCS#8 Ed25519 PEM");
        assert_eq!(from_pem.sender().unwrap(), deployer_principal());
    }
}
