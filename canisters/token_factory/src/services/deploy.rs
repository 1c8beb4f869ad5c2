//! Creating a token canister from the newest template, and upgrading one to another template.
//! Everything that can be checked is checked before the first await; the busy marker is set before it
//! and cleared on every path; the record is written only once the token is installed.

use super::access::{is_admin, require_backend};
use super::config_validation::{initial_supply, validate};
use super::in_flight::InFlight;
use super::management::{self, InstallMode, UpgradeFlags};
use super::templates;
use crate::repositories::{state, templates as template_store, tokens};
use candid::{Encode, Nat, Principal};
use icto_shared::factory::{CreateTokenArgs, FactoryError, TokenRecord, UpgradeTokenArgs};
use icto_shared::token::LedgerArg;

/// Cycles the factory keeps for itself beyond what it gives away.
pub const CYCLES_RESERVE: u128 = 500_000_000_000;

pub struct Env {
    pub caller: Principal,
    pub now: u64,
    pub factory: Principal,
    pub cycle_balance: u128,
}

pub async fn create_token(env: Env, args: CreateTokenArgs) -> Result<TokenRecord, FactoryError> {
    require_backend(&env.caller)?;
    let init = validate(args.owner, &args.config).map_err(FactoryError::InvalidConfig)?;
    let template = templates::resolve(None)?;
    let cycles = state::with(|s| s.cycles_per_token);
    let required = cycles + CYCLES_RESERVE;
    if env.cycle_balance < required {
        return Err(FactoryError::InsufficientCycles { balance: Nat::from(env.cycle_balance), required: Nat::from(required) });
    }
    let arg = Encode!(&LedgerArg::Init(init)).map_err(|e| FactoryError::InvalidArgument(e.to_string()))?;
    let wasm = template_store::bytes(template.version);
    let _busy = InFlight::acquire(args.owner)?;

    let canister_id = management::create_canister(vec![args.owner, env.factory], cycles)
        .await
        .map_err(FactoryError::CreateCanisterFailed)?;
    if let Err(e) = management::install_code(canister_id, InstallMode::Install, &wasm, &arg).await {
        management::discard_canister(canister_id).await;
        return Err(FactoryError::InstallFailed(e));
    }
    let c = &args.config;
    let record = TokenRecord {
        canister_id,
        owner: args.owner,
        name: c.name.trim().to_string(),
        symbol: c.symbol.clone(),
        decimals: c.decimals,
        transfer_fee: c.transfer_fee.clone(),
        initial_supply: initial_supply(c),
        has_logo: c.logo.is_some(),
        description: c.description.clone(),
        website: c.website.clone(),
        template_sha256: template.sha256,
        created_at: env.now,
        upgraded_at: None,
    };
    tokens::insert_new(record.clone());
    Ok(record)
}

/// The token's owner or an admin moves a token to a template (default: the newest); balances and
/// blocks stay (the ledger keeps everything in stable memory).
pub async fn upgrade_token(env: Env, args: UpgradeTokenArgs) -> Result<TokenRecord, FactoryError> {
    let mut record = tokens::get(&args.canister_id).ok_or(FactoryError::TokenNotFound)?;
    if record.owner != env.caller && !is_admin(&env.caller) {
        return Err(FactoryError::Unauthorized);
    }
    let template = templates::resolve(args.template_sha256.as_deref().map(|b| b.as_slice()))?;
    let wasm = template_store::bytes(template.version);
    let arg = Encode!(&LedgerArg::Upgrade(None)).map_err(|e| FactoryError::InvalidArgument(e.to_string()))?;
    let _busy = InFlight::acquire(args.canister_id)?;
    management::install_code(args.canister_id, InstallMode::Upgrade(Some(UpgradeFlags { skip_pre_upgrade: None })), &wasm, &arg)
        .await
        .map_err(FactoryError::UpgradeFailed)?;
    // Re-read: the record may have changed while we awaited.
    record = tokens::get(&args.canister_id).unwrap_or(record);
    record.template_sha256 = template.sha256;
    record.upgraded_at = Some(env.now);
    tokens::update(record.clone());
    Ok(record)
}
