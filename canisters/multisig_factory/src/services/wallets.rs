//! Wallets: creating a multisig wallet from the newest template, upgrading one to a newer template, and
//! the lists the app reads. Everything that can be checked is checked before the first await; the lock
//! and the cycles reservation are taken just before it and released on every path (also on a trap, see
//! `canister_kit::lock`); the record is written only once the wallet is installed.
//!
//! The factory alone controls a wallet: with the creator (or any signer) as a controller, one key could
//! reinstall the wallet and move its funds without the other signers. Code changes go through `upgrade`.

use super::access::{require_backend, require_creator_or_admin, Wallets};
use crate::models::settings::CYCLES_RESERVE;
use crate::repositories::spares::SPARES;
use crate::repositories::wallets::WALLETS;
use crate::repositories::{settings, templates};
use canister_kit::lock::Lock;
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::{deploy, factory, CallContext, KitError};
use candid::{Encode, Principal};
use icto_shared::multisig::MultisigInitArgs;
use icto_shared::multisig_factory::{CreateWalletArgs, MultisigFactoryError as Error, UpgradeWalletArgs, WalletPage, WalletRecord};
use icto_shared::role::Role;
use icto_shared::template::{DeployKind, DeployRecord, TemplateInfo};

fn deployed(template: &TemplateInfo, kind: DeployKind, at: u64) -> DeployRecord {
    DeployRecord { version: template.version, sha256: template.sha256.clone(), kind, at }
}

fn encode_error(e: candid::Error) -> Error {
    Error::Kit(KitError::InvalidArgument(e.to_string()))
}

/// Only the backend may call; it names the user who paid and creates the wallet.
pub async fn create(ctx: CallContext, args: CreateWalletArgs) -> Result<WalletRecord, Error> {
    require_backend(&ctx)?;
    let CreateWalletArgs { creator, config } = args;
    if creator == Principal::anonymous() {
        return Err(Error::Kit(KitError::InvalidArgument("the anonymous principal cannot create a wallet".into())));
    }
    config.validate().map_err(Error::InvalidConfig)?;
    let template = templates::with(|t| t.resolve(None))?;
    let cycles = settings::with(|s| s.cycles_per_wallet);
    let (name, initial_signers, initial_threshold) = (config.name.clone(), config.signers.len() as u32, config.threshold);
    let arg = Encode!(&MultisigInitArgs { factory: ctx.self_id, creator, config }).map_err(encode_error)?;
    let wasm = templates::with(|t| t.bytes(template.version));
    let _busy = Lock::acquire(("creator", creator))?;

    let canister_id = SPARES.deploy_new(&ctx, cycles, CYCLES_RESERVE, wasm, |_| Ok::<_, Error>(arg)).await?;
    let record = WalletRecord {
        canister_id,
        creator,
        name,
        initial_signers,
        initial_threshold,
        template_sha256: template.sha256.clone(),
        created_at: ctx.now,
        upgraded_at: None,
    };
    WALLETS.insert_new(record.canister_id, record.creator, record.clone(), Some(deployed(&template, DeployKind::Install, ctx.now)));
    super::relationships::creator_added(creator, canister_id);
    Ok(record)
}

/// The wallet's creator or an admin moves a wallet to a newer template (default: the newest); the wallet
/// keeps its state (everything is in stable memory; `post_upgrade` takes no argument). Forward only; an
/// admin may roll back to the version that ran before (`canister_kit::factory::upgrade_kind`).
pub async fn upgrade(ctx: CallContext, args: UpgradeWalletArgs) -> Result<WalletRecord, Error> {
    let record = WALLETS.get(&args.canister_id).ok_or(Error::WalletNotFound)?;
    require_creator_or_admin(&ctx, &record)?;
    let template = templates::with(|t| t.resolve(args.template_sha256.as_deref().map(|b| b.as_slice())))?;
    let current = templates::with(|t| t.find_by_sha256(&record.template_sha256)).map(|t| t.version);
    let previous = || WALLETS.with_history(|h| h.previous_version(args.canister_id));
    let kind = factory::upgrade_kind::<Wallets>(&ctx, current, template.version, previous)?;
    let wasm = templates::with(|t| t.bytes(template.version));
    let arg = Encode!().map_err(encode_error)?;
    let _busy = Lock::acquire(("wallet", args.canister_id))?;

    deploy::upgrade(args.canister_id, wasm, arg).await?;
    // Re-read: the record may have changed while we awaited.
    let mut record = WALLETS.get(&args.canister_id).unwrap_or(record);
    record.template_sha256 = template.sha256.clone();
    record.upgraded_at = Some(ctx.now);
    WALLETS.update(record.canister_id, record.clone());
    WALLETS.record_change(args.canister_id, deployed(&template, kind, ctx.now));
    Ok(record)
}

fn page(p: Page<WalletRecord>) -> WalletPage {
    WalletPage { items: p.items, total: p.total }
}

pub fn all(request: PageRequest) -> WalletPage {
    page(WALLETS.page(request))
}

/// A user's wallets in a role: `Owner` (created), `Signer`, `Observer` (as the wallets report them).
pub fn by_role(user: Principal, role: Role, request: PageRequest) -> WalletPage {
    page(WALLETS.page_by_role(user, role, request))
}

pub fn get(id: Principal) -> Option<WalletRecord> {
    WALLETS.get(&id)
}
