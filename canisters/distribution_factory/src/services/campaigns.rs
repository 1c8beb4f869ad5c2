//! Campaigns: creating a distribution contract from the newest template, upgrading one to a newer
//! template, and the lists the app reads. Everything that can be checked is checked before the first
//! await; the lock and the cycles reservation are taken just before it and released on every path (also
//! on a trap, see `canister_kit::lock`); the record is written only once the contract is installed.
//!
//! The factory alone controls a campaign: with the creator as a controller, a creator key could take
//! the campaign's token balance (reinstall or install any code) from under its recipients. Code changes
//! go through `upgrade` below.

use super::access::{require_backend, require_creator_or_admin, Campaigns};
use crate::models::settings::CYCLES_RESERVE;
use crate::repositories::spares::SPARES;
use crate::repositories::campaigns::CAMPAIGNS;
use crate::repositories::{settings, templates};
use canister_kit::{deploy, factory};
use canister_kit::lock::Lock;
use canister_kit::pagination::PageRequest;
use canister_kit::{CallContext, KitError};
use candid::{Encode, Principal};
use icto_shared::distribution::DistributionInitArgs;
use icto_shared::distribution_factory::{
    CampaignPage, CampaignRecord, CreateCampaignArgs, DistributionFactoryError as Error, UpgradeCampaignArgs,
};
use icto_shared::role::Role;
use icto_shared::template::{DeployKind, DeployRecord, TemplateInfo};

fn deployed(template: &TemplateInfo, kind: DeployKind, at: u64) -> DeployRecord {
    DeployRecord { version: template.version, sha256: template.sha256.clone(), kind, at }
}

fn encode_error(e: candid::Error) -> Error {
    Error::Kit(KitError::InvalidArgument(e.to_string()))
}

/// Only the backend may call; it names the user who paid and creates the campaign.
pub async fn create(ctx: CallContext, args: CreateCampaignArgs) -> Result<CampaignRecord, Error> {
    require_backend(&ctx)?;
    let CreateCampaignArgs { creator, config } = args;
    config.validate(creator).map_err(Error::InvalidConfig)?;
    let template = templates::with(|t| t.resolve(None))?;
    let cycles = settings::with(|s| s.cycles_per_campaign);
    let (token_ledger, title, initial_recipients) = (config.token_ledger, config.title.clone(), config.recipients.len() as u64);
    let arg = Encode!(&DistributionInitArgs::new(ctx.self_id, creator, config)).map_err(encode_error)?;
    let wasm = templates::with(|t| t.bytes(template.version));
    let _busy = Lock::acquire(("creator", creator))?;

    let canister_id = SPARES.deploy_new(&ctx, cycles, CYCLES_RESERVE, wasm, |_| Ok::<_, Error>(arg)).await?;
    let record = CampaignRecord {
        canister_id,
        creator,
        token_ledger,
        title,
        initial_recipients,
        template_sha256: template.sha256.clone(),
        created_at: ctx.now,
        upgraded_at: None,
    };
    CAMPAIGNS.insert_new(record.canister_id, record.creator, record.clone(), Some(deployed(&template, DeployKind::Install, ctx.now)));
    super::relationships::creator_added(creator, canister_id);
    Ok(record)
}

/// The campaign's creator or an admin moves a campaign to a newer template (default: the newest); the
/// contract keeps its state (everything is in stable memory; `post_upgrade` takes no argument). Forward
/// only; an admin may roll back to the version that ran before (`canister_kit::factory::upgrade_kind`).
pub async fn upgrade(ctx: CallContext, args: UpgradeCampaignArgs) -> Result<CampaignRecord, Error> {
    let record = CAMPAIGNS.get(&args.canister_id).ok_or(Error::CampaignNotFound)?;
    require_creator_or_admin(&ctx, &record)?;
    let template = templates::with(|t| t.resolve(args.template_sha256.as_deref().map(|b| b.as_slice())))?;
    let current = templates::with(|t| t.find_by_sha256(&record.template_sha256)).map(|t| t.version);
    let previous = || CAMPAIGNS.with_history(|h| h.previous_version(args.canister_id));
    let kind = factory::upgrade_kind::<Campaigns>(&ctx, current, template.version, previous)?;
    let wasm = templates::with(|t| t.bytes(template.version));
    let arg = Encode!().map_err(encode_error)?;
    let _busy = Lock::acquire(("campaign", args.canister_id))?;

    deploy::upgrade(args.canister_id, wasm, arg).await?;
    // Re-read: the record may have changed while we awaited.
    let mut record = CAMPAIGNS.get(&args.canister_id).unwrap_or(record);
    record.template_sha256 = template.sha256.clone();
    record.upgraded_at = Some(ctx.now);
    CAMPAIGNS.update(record.canister_id, record.clone());
    CAMPAIGNS.record_change(args.canister_id, deployed(&template, kind, ctx.now));
    Ok(record)
}

fn page(p: canister_kit::pagination::Page<CampaignRecord>) -> CampaignPage {
    CampaignPage { items: p.items, total: p.total }
}

pub fn all(request: PageRequest) -> CampaignPage {
    page(CAMPAIGNS.page(request))
}

pub fn by_creator(creator: Principal, request: PageRequest) -> CampaignPage {
    page(CAMPAIGNS.page_by_role(creator, Role::Owner, request))
}

pub fn by_recipient(recipient: Principal, request: PageRequest) -> CampaignPage {
    page(CAMPAIGNS.page_by_role(recipient, Role::Recipient, request))
}

pub fn get(id: Principal) -> Option<CampaignRecord> {
    CAMPAIGNS.get(&id)
}
