//! One adapter per contract type: validate the typed request with the same pure function its factory
//! runs (so nothing the factory would refuse is charged), call the factory, read the new canister's id
//! from its reply. The paid flow (`deployments`) is written once over these.

use crate::clients;
use candid::Principal;
use icto_shared::backend::{ContractRequest, DeployError};
use icto_shared::distribution_factory::CreateCampaignArgs;
use icto_shared::multisig_factory::CreateWalletArgs;
use icto_shared::token_config;
use icto_shared::token_factory::CreateTokenArgs;

/// The factory's own validation, run before any charge.
pub fn validate(user: Principal, request: &ContractRequest) -> Result<(), DeployError> {
    match request {
        ContractRequest::Token(config) => token_config::validate(user, config).map(|_| ()).map_err(DeployError::InvalidConfig),
        ContractRequest::Distribution(config) => config.validate(user).map_err(DeployError::InvalidCampaign),
        ContractRequest::Multisig(config) => config.validate().map_err(DeployError::InvalidWallet),
    }
}

/// Asks `factory` to create the contract for `user`; the new canister's id, or why it failed.
pub async fn create(factory: Principal, user: Principal, request: ContractRequest) -> Result<Principal, String> {
    match request {
        ContractRequest::Token(config) => match clients::token_factory::create_token(factory, CreateTokenArgs { owner: user, config }).await {
            Ok(Ok(record)) => Ok(record.canister_id),
            Ok(Err(e)) => Err(format!("the token factory refused: {e:?}")),
            Err(call) => Err(format!("the token factory could not be called: {call}")),
        },
        ContractRequest::Distribution(config) => {
            match clients::distribution_factory::create_campaign(factory, CreateCampaignArgs { creator: user, config }).await {
                Ok(Ok(record)) => Ok(record.canister_id),
                Ok(Err(e)) => Err(format!("the distribution factory refused: {e}")),
                Err(call) => Err(format!("the distribution factory could not be called: {call}")),
            }
        }
        ContractRequest::Multisig(config) => {
            match clients::multisig_factory::create_wallet(factory, CreateWalletArgs { creator: user, config }).await {
                Ok(Ok(record)) => Ok(record.canister_id),
                Ok(Err(e)) => Err(format!("the multisig factory refused: {e}")),
                Err(call) => Err(format!("the multisig factory could not be called: {call}")),
            }
        }
    }
}
