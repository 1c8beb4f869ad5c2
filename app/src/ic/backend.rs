//! The backend gateway: config, the paid deployment and its status, the registry of related canisters,
//! and the admins' settings. Every failure comes back as a sentence to show (see `describe_*`).
use candid::{Nat, Principal};
use icto_shared::backend::{
    BackendConfig, BackendError, ContractTypeSettings, DeployError, DeployRequest, DeploymentStatus, FailedStep,
    PaymentError, RefundState, RelatedCanisters,
};
use icto_shared::contract::ContractType;

use super::agent::{Client, Connection};
use super::errors::readable;
use crate::format::format_amount;

const WHAT: &str = "The backend";

pub fn backend(connection: Connection, canister: Principal) -> Client {
    Client::new(connection, canister)
}

pub async fn get_config(client: &Client) -> Result<BackendConfig, String> {
    let (config,): (BackendConfig,) = client.query("get_config", ()).await.map_err(|e| readable(WHAT, &e))?;
    Ok(config)
}

/// The answer of `deploy`, or why no answer came back (the call's outcome is then unknown: poll).
pub async fn deploy(client: &Client, request: DeployRequest) -> Result<Result<Principal, DeployError>, String> {
    let (result,): (Result<Principal, DeployError>,) =
        client.update("deploy", (request,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(result)
}

pub async fn get_deployment(client: &Client, request_key: &str) -> Result<Option<DeploymentStatus>, String> {
    let (status,): (Option<DeploymentStatus>,) =
        client.query("get_deployment", (request_key.to_string(),)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(status)
}

pub async fn related_canisters(client: &Client, user: Principal) -> Result<RelatedCanisters, String> {
    let (related,): (RelatedCanisters,) =
        client.query("get_related_canisters", (user,)).await.map_err(|e| readable(WHAT, &e))?;
    Ok(related)
}

pub async fn set_contract_type(client: &Client, kind: ContractType, settings: ContractTypeSettings) -> Result<(), String> {
    let (result,): (Result<(), BackendError>,) =
        client.update("set_contract_type", (kind, settings)).await.map_err(|e| readable(WHAT, &e))?;
    result.map_err(|e| describe_backend_error(&e))
}

pub fn settings_of(config: &BackendConfig, kind: ContractType) -> Option<&ContractTypeSettings> {
    config.contract_types.iter().find(|(k, _)| *k == kind).map(|(_, s)| s)
}

pub fn type_name(kind: ContractType) -> &'static str {
    match kind {
        ContractType::Token => "Token",
        ContractType::Distribution => "Distribution",
        ContractType::Multisig => "Multisig wallet",
        ContractType::Dao => "DAO",
        ContractType::Launchpad => "Launchpad",
    }
}

pub fn describe_backend_error(error: &BackendError) -> String {
    match error {
        BackendError::Unauthorized => "Only an admin of the platform may change this.".into(),
        BackendError::InvalidArgument(why) => format!("The backend refused the value: {why}"),
        BackendError::FeeBelowCycleCost { min_fee } => {
            format!("The fee must cover the cycles a deployment burns: at least {min_fee} base units.")
        }
        BackendError::RegistryFull { max } => format!("The registry holds at most {max} relationships per user."),
    }
}

/// How the refund of a failed deployment stands, in words.
pub fn describe_refund(state: &RefundState, amount: &Nat, decimals: u8, symbol: &str) -> String {
    let amount = format_amount(amount, decimals);
    match state {
        RefundState::Refunded { block, .. } => format!("Refunded: {amount} {symbol} returned to you (ledger block {block})."),
        RefundState::Pending { attempts, .. } => {
            format!("Refund pending: {amount} {symbol} will be returned; the backend retries automatically ({attempts} attempts so far).")
        }
    }
}

pub fn describe_failed_step(step: FailedStep) -> &'static str {
    match step {
        FailedStep::Factory => "The factory could not create the contract",
        FailedStep::Registry => "The contract could not be registered",
    }
}

/// A sentence for each refusal of `deploy`; `Failed` and `InProgress` are shown by the progress view.
pub fn describe_deploy_error(error: &DeployError, decimals: u8, symbol: &str) -> String {
    let amount = |n: &Nat| format!("{} {symbol}", format_amount(n, decimals));
    match error {
        DeployError::AnonymousCaller => "Log in first: deployments are paid from your account.".into(),
        DeployError::InvalidRequestKey { .. } => "The request key is invalid; start a new deployment.".into(),
        DeployError::RequestKeyConflict => "This request key was used for another deployment; start a new one.".into(),
        DeployError::InvalidConfig(e) => format!("The factory's rules refuse this token: {}", crate::pages::deploy_token::form::describe_config_error(e)),
        DeployError::InvalidCampaign(e) => format!(
            "The distribution contract's rules refuse this campaign: {} Nothing was charged.",
            super::distribution::describe_simple(e, decimals, symbol)
        ),
        DeployError::InvalidWallet(e) => format!(
            "The multisig wallet's rules refuse this wallet: {} Nothing was charged.",
            super::multisig::describe_multisig_error(e, &|_| (decimals, symbol.to_string()))
        ),
        DeployError::ContractTypeDisabled(kind) => {
            format!("{} deployments are disabled by the platform's admins right now. Nothing was charged.", type_name(*kind))
        }
        DeployError::ContractTypeNotConfigured(kind) => {
            format!("{} deployments are not available on this network. Nothing was charged.", type_name(*kind))
        }
        DeployError::RateLimited { retry_after_seconds } => {
            format!("Too many deployments: try again in {retry_after_seconds} seconds. Nothing was charged.")
        }
        DeployError::UserBusy => "Another of your deployments is running; try again when it is done. Nothing was charged.".into(),
        DeployError::InProgress(_) => "The deployment is running.".into(),
        DeployError::Payment(PaymentError::InsufficientAllowance { allowance, required }) => format!(
            "The approval ({}) is less than the {} needed; approve again. Nothing was charged.",
            amount(allowance),
            amount(required)
        ),
        DeployError::Payment(PaymentError::InsufficientFunds { balance }) => {
            format!("Insufficient funds: your balance is {}. Nothing was charged.", amount(balance))
        }
        DeployError::Payment(PaymentError::Ledger(_)) => {
            "The payment ledger could not take the fee; try again. Nothing was charged.".into()
        }
        DeployError::Failed { step, .. } => format!("{}.", describe_failed_step(*step)),
    }
}
