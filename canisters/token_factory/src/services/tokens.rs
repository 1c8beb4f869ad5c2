//! Tokens: creating a ledger canister from the newest template, upgrading one to a newer template, and
//! the lists the app reads. Everything that can be checked is checked before the first await; the lock
//! and the cycles reservation are taken just before it and released on every path (also on a trap, see
//! `canister_kit::lock`); the record is written only once the token is installed.
//!
//! The factory alone controls a token: with the owner as a controller, an owner key could reinstall the
//! ledger (wiping every holder's balance) or install any code. Upgrades go through `upgrade` below.

use super::access::{require_backend, require_owner_or_admin, Tokens};
use icto_shared::token_config::{fixed_supply_minting_account, initial_supply, validate};
use crate::models::settings::CYCLES_RESERVE;
use crate::repositories::spares::SPARES;
use crate::repositories::{settings, templates, tokens};
use canister_kit::deploy;
use canister_kit::lock::Lock;
use canister_kit::pagination::PageRequest;
use canister_kit::CallContext;
use candid::{Encode, Principal};
use icto_shared::template::{DeployKind, DeployRecord, TemplateInfo};
use icto_shared::token::LedgerArg;
use icto_shared::token_factory::{CreateTokenArgs, FactoryError, TokenPage, TokenRecord, UpgradeTokenArgs};

fn encode(arg: &LedgerArg) -> Result<Vec<u8>, FactoryError> {
    Encode!(arg).map_err(|e| FactoryError::InvalidArgument(e.to_string()))
}

fn deployed(template: &TemplateInfo, kind: DeployKind, at: u64) -> DeployRecord {
    DeployRecord { version: template.version, sha256: template.sha256.clone(), kind, at }
}

/// Only the backend may call; it names the user who paid and owns the token.
pub async fn create(ctx: CallContext, args: CreateTokenArgs) -> Result<TokenRecord, FactoryError> {
    require_backend(&ctx)?;
    let mut init = validate(args.owner, &args.config).map_err(FactoryError::InvalidConfig)?;
    let fixed_supply = args.config.fixed_supply.unwrap_or(false);
    let template = templates::with(|t| t.resolve(None))?;
    let cycles = settings::with(|s| s.cycles_per_token);
    let wasm = templates::with(|t| t.bytes(template.version));
    let _busy = Lock::acquire(("owner", args.owner))?;

    let canister_id = SPARES
        .deploy_new(&ctx, cycles, CYCLES_RESERVE, wasm, |canister_id| {
            if fixed_supply {
                init.minting_account = fixed_supply_minting_account(canister_id);
            }
            encode(&LedgerArg::Init(init))
        })
        .await?;
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
        template_sha256: template.sha256.clone(),
        created_at: ctx.now,
        upgraded_at: None,
        fixed_supply: Some(fixed_supply),
    };
    tokens::insert_new(record.clone(), Some(deployed(&template, DeployKind::Install, ctx.now)));
    super::relationships::owner_added(args.owner, canister_id);
    Ok(record)
}

/// The token's owner or an admin moves a token to a newer template (default: the newest); balances and
/// blocks stay (the ledger keeps everything in stable memory). Forward only; an admin may roll back to
/// the version that ran before (`canister_kit::factory::upgrade_kind`).
pub async fn upgrade(ctx: CallContext, args: UpgradeTokenArgs) -> Result<TokenRecord, FactoryError> {
    let record = tokens::get(&args.canister_id).ok_or(FactoryError::TokenNotFound)?;
    require_owner_or_admin(&ctx, &record)?;
    let template = templates::with(|t| t.resolve(args.template_sha256.as_deref().map(|b| b.as_slice())))?;
    let current = templates::with(|t| t.find_by_sha256(&record.template_sha256)).map(|t| t.version);
    let previous = || tokens::with_history(|h| h.previous_version(args.canister_id));
    let kind = canister_kit::factory::upgrade_kind::<Tokens>(&ctx, current, template.version, previous)?;
    let wasm = templates::with(|t| t.bytes(template.version));
    let arg = encode(&LedgerArg::Upgrade(None))?;
    let _busy = Lock::acquire(("token", args.canister_id))?;

    deploy::upgrade(args.canister_id, wasm, arg).await?;
    // Re-read: the record may have changed while we awaited.
    let mut record = tokens::get(&args.canister_id).unwrap_or(record);
    record.template_sha256 = template.sha256.clone();
    record.upgraded_at = Some(ctx.now);
    tokens::update(record.clone());
    tokens::record_change(args.canister_id, deployed(&template, kind, ctx.now));
    Ok(record)
}

pub fn by_owner(owner: Principal, offset: u64, limit: u64) -> TokenPage {
    let page = tokens::page_by_owner(owner, PageRequest::new(offset, limit));
    TokenPage { items: page.items, total: page.total }
}

pub fn all(offset: u64, limit: u64) -> TokenPage {
    let page = tokens::page(PageRequest::new(offset, limit));
    TokenPage { items: page.items, total: page.total }
}

pub fn get(id: Principal) -> Option<TokenRecord> {
    tokens::get(&id)
}
