//! A test canister: the smallest factory the canister kit allows, so the kit's machinery runs on devnet
//! as every factory will run it. Controllers upload templates; `deploy` makes a contract canister (an
//! instance of whatever template is newest) for an owner; `upgrade` and `rollback` change its code.
//! `hold_lock` and `lock_then_trap` exercise in-flight locks across awaits and traps.
//! `report_relationships` stands in for a factory receiving contracts' reports (`canister_kit::factory_reports`):
//! it records them (`reported`), or refuses them while `set_refuse_reports(true)`.
//! Everything is in this one file: it is a probe, not a template (see `canisters/README.md` for that).

use candid::Principal;
use canister_kit::deploy::{self, DeployHistory};
use canister_kit::inspect::{self, IngressRule};
use canister_kit::lock::Lock;
use canister_kit::memory::{get, Id};
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::role_index::RoleIndex;
use canister_kit::templates::{TemplateLimits, TemplateStore};
use canister_kit::{query, update, CallContext, KitError};
use icto_shared::backend::RoleChange;
use icto_shared::role::Role;
use icto_shared::template::{DeployKind, DeployRecord, TemplateInfo, TemplateUploadBegin};
use std::cell::{Cell, RefCell};

const CONTRACT_CYCLES: u128 = 1_000_000_000_000;
const RESERVE: u128 = 100_000_000_000;

thread_local! {
    static TEMPLATES: RefCell<TemplateStore> =
        RefCell::new(TemplateStore::init(get(Id::new(0)), get(Id::new(1)), get(Id::new(2)), TemplateLimits::DEFAULT));
    static ROLES: RefCell<RoleIndex> = RefCell::new(RoleIndex::init(get(Id::new(3)), get(Id::new(4)), get(Id::new(5))));
    static HISTORY: RefCell<DeployHistory> = RefCell::new(DeployHistory::init(get(Id::new(6))));
    static REPORTS: RefCell<Vec<(Principal, RoleChange)>> = const { RefCell::new(Vec::new()) };
    static REFUSE_REPORTS: Cell<bool> = const { Cell::new(false) };
}

fn templates<R>(f: impl FnOnce(&mut TemplateStore) -> R) -> R {
    TEMPLATES.with(|t| f(&mut t.borrow_mut()))
}

fn require_controller(ctx: &CallContext) -> Result<(), KitError> {
    if ctx.caller_is_controller { Ok(()) } else { Err(KitError::InvalidArgument("controllers only".into())) }
}

fn change(template: &TemplateInfo, kind: DeployKind, at: u64) -> DeployRecord {
    DeployRecord { version: template.version, sha256: template.sha256.clone(), kind, at }
}

#[update]
fn template_upload_begin(args: TemplateUploadBegin) -> Result<(), KitError> {
    require_controller(&CallContext::current())?;
    templates(|t| t.begin(args))
}

#[update]
fn template_upload_chunk(chunk: serde_bytes::ByteBuf) -> Result<u64, KitError> {
    require_controller(&CallContext::current())?;
    templates(|t| t.chunk(chunk.into_vec()))
}

#[update]
fn template_upload_commit() -> Result<TemplateInfo, KitError> {
    let ctx = CallContext::current();
    require_controller(&ctx)?;
    templates(|t| t.commit(ctx.now))
}

/// A contract of the newest template for `owner`, controlled by this canister only.
#[update]
async fn deploy(owner: Principal) -> Result<Principal, KitError> {
    let ctx = CallContext::current();
    require_controller(&ctx)?;
    let template = templates(|t| t.resolve(None))?;
    let cycles = deploy::CyclesReservation::take(ctx.cycles_balance, CONTRACT_CYCLES, RESERVE)?;
    let wasm = templates(|t| t.bytes(template.version));
    let _busy = Lock::acquire(("owner", owner))?;
    let contract = deploy::create(vec![ctx.self_id], cycles.amount()).await?;
    drop(cycles);
    deploy::install(contract, wasm, candid::encode_args(()).unwrap()).await?;
    HISTORY.with(|h| h.borrow_mut().record(contract, change(&template, DeployKind::Install, ctx.now)));
    ROLES.with(|r| r.borrow_mut().insert(owner, Role::Owner, contract));
    Ok(contract)
}

/// Upgrades `contract` to `version` (default: the newest).
#[update]
async fn upgrade(contract: Principal, version: Option<u32>) -> Result<TemplateInfo, KitError> {
    let ctx = CallContext::current();
    require_controller(&ctx)?;
    let template = match version {
        Some(v) => templates(|t| t.get(v)).ok_or(KitError::TemplateNotFound)?,
        None => templates(|t| t.resolve(None))?,
    };
    change_code(ctx, contract, template, DeployKind::Upgrade).await
}

/// Upgrades `contract` back to the version that ran before its last change.
#[update]
async fn rollback(contract: Principal) -> Result<TemplateInfo, KitError> {
    let ctx = CallContext::current();
    require_controller(&ctx)?;
    let version = HISTORY.with(|h| h.borrow().previous_version(contract))?;
    let template = templates(|t| t.get(version)).ok_or(KitError::TemplateNotFound)?;
    change_code(ctx, contract, template, DeployKind::Rollback).await
}

async fn change_code(ctx: CallContext, contract: Principal, template: TemplateInfo, kind: DeployKind) -> Result<TemplateInfo, KitError> {
    let wasm = templates(|t| t.bytes(template.version));
    let _busy = Lock::acquire(("contract", contract))?;
    deploy::upgrade(contract, wasm, candid::encode_args(()).unwrap()).await?;
    HISTORY.with(|h| h.borrow_mut().record(contract, change(&template, kind, ctx.now)));
    Ok(template)
}

#[query]
fn history(contract: Principal) -> Vec<DeployRecord> {
    HISTORY.with(|h| h.borrow().of(contract))
}

#[query]
fn list_templates() -> Vec<TemplateInfo> {
    templates(|t| t.list())
}

#[query]
fn contracts_of(owner: Principal, page: PageRequest) -> Page<Principal> {
    ROLES.with(|r| r.borrow().page(owner, Role::Owner, page))
}

/// Holds the lock on `key` across an await (a management call), then releases it.
#[update]
async fn hold_lock(key: u64) -> Result<(), KitError> {
    let _lock = Lock::acquire(key)?;
    let _ = ic_cdk::call::Call::unbounded_wait(Principal::management_canister(), "raw_rand").await;
    Ok(())
}

/// Takes the lock on `key`, awaits, then traps in the callback: the lock must be released by the
/// cleanup that follows the trap.
#[update]
async fn lock_then_trap(key: u64) {
    let _lock = Lock::acquire(key).unwrap_or_else(|e| ic_cdk::trap(e.to_string()));
    let _ = ic_cdk::call::Call::unbounded_wait(Principal::management_canister(), "raw_rand").await;
    ic_cdk::trap("trapping after the await, holding the lock");
}

#[query]
fn is_locked(key: u64) -> bool {
    Lock::<u64>::is_held(&key)
}

/// A contract's report, as a factory receives it: recorded with the calling contract.
#[update]
fn report_relationships(changes: Vec<RoleChange>) -> Result<(), KitError> {
    if REFUSE_REPORTS.get() {
        return Err(KitError::InvalidArgument("reports are refused for now".into()));
    }
    let caller = CallContext::current().caller;
    REPORTS.with(|r| r.borrow_mut().extend(changes.into_iter().map(|c| (caller, c))));
    Ok(())
}

#[update]
fn set_refuse_reports(refuse: bool) -> Result<(), KitError> {
    require_controller(&CallContext::current())?;
    REFUSE_REPORTS.set(refuse);
    Ok(())
}

/// Every report received, in order, with the contract that sent it.
#[query]
fn reported() -> Vec<(Principal, RoleChange)> {
    REPORTS.with(|r| r.borrow().clone())
}

const KB: usize = 1024;

pub const INGRESS: &[IngressRule] = &[
    IngressRule::new::<(TemplateUploadBegin,)>("template_upload_begin", 16 * KB),
    IngressRule::new::<(serde_bytes::ByteBuf,)>("template_upload_chunk", 2 * 1024 * KB),
    IngressRule::new::<()>("template_upload_commit", KB),
    IngressRule::new::<(Principal,)>("deploy", KB),
    IngressRule::new::<(Principal, Option<u32>)>("upgrade", KB),
    IngressRule::new::<(Principal,)>("rollback", KB),
    IngressRule::new::<(Principal,)>("history", KB),
    IngressRule::new::<()>("list_templates", KB),
    IngressRule::new::<(Principal, PageRequest)>("contracts_of", KB),
    IngressRule::new::<(u64,)>("hold_lock", KB),
    IngressRule::new::<(u64,)>("lock_then_trap", KB),
    IngressRule::new::<(u64,)>("is_locked", KB),
    IngressRule::new::<(Vec<RoleChange>,)>("report_relationships", 16 * KB),
    IngressRule::new::<(bool,)>("set_refuse_reports", KB),
    IngressRule::new::<()>("reported", KB),
];

#[ic_cdk::inspect_message]
fn inspect_message() {
    inspect::accept_if_valid(INGRESS)
}

candid::export_service!();

pub fn candid_interface() -> String {
    __export_service()
}

#[test]
fn the_did_file_and_the_ingress_rules_match_the_code() {
    canister_kit::did_check::assert_interface(&candid_interface(), env!("CARGO_MANIFEST_DIR"), "kit_probe.did", INGRESS);
}
