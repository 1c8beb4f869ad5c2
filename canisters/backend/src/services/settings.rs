//! Settings: admins, the payment ledger, per contract type its fee, cycles, flag and factory, and the
//! rate limits. Anyone reads them; only admins change them, and every change is audited.

use super::access::require_admin;
use super::outbox;
use crate::models::settings::Settings;
use crate::repositories::settings;
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::backend::limits::MAX_ADMINS;
use icto_shared::backend::{BackendConfig, BackendError, BackendInitArgs, ContractTypeSettings, PaymentSettings, RateLimits, Storages};
use icto_shared::contract::ContractType;

fn check_admins(admins: &[Principal]) -> Result<(), String> {
    if admins.is_empty() || admins.len() > MAX_ADMINS {
        return Err(format!("give between 1 and {MAX_ADMINS} admins"));
    }
    if admins.contains(&Principal::anonymous()) {
        return Err("the anonymous principal cannot be an admin".into());
    }
    Ok(())
}

fn check_payment(p: &PaymentSettings) -> Result<(), String> {
    if p.ledger == Principal::anonymous() || p.ledger == Principal::management_canister() {
        return Err("the payment ledger must be a canister".into());
    }
    if p.decimals > 18 {
        return Err("the payment token has at most 18 decimals".into());
    }
    if u128::try_from(&p.ledger_fee.0).is_err() {
        return Err("the ledger fee is too large".into());
    }
    Ok(())
}

fn check_rate_limits(r: &RateLimits) -> Result<(), String> {
    if r.window_seconds == 0 || r.per_user == 0 || r.global < r.per_user {
        return Err("the window is at least one second and 1 <= per_user <= global".into());
    }
    Ok(())
}

pub fn init(args: BackendInitArgs) -> Result<(), String> {
    check_admins(&args.admins)?;
    check_payment(&args.payment)?;
    let rate_limits = args.rate_limits.unwrap_or_default();
    check_rate_limits(&rate_limits)?;
    settings::update(|s| {
        *s = Settings {
            admins: args.admins,
            payment: args.payment,
            contract_types: vec![],
            rate_limits,
            storages: args.storages.unwrap_or_default(),
            audit_readers_pending: None,
        };
        // The audit storage, if given, learns the admins with the first flush.
        if s.storages.audit.is_some() {
            s.audit_readers_pending = Some(s.admins.clone());
        }
    });
    Ok(())
}

/// The least fee that pays for `cycles` at the configured rate (rounded up).
pub fn min_fee(payment: &PaymentSettings, cycles: u128) -> Nat {
    if payment.cycles_per_token == 0 {
        return Nat::from(0u8);
    }
    let unit = Nat::from(10u128.pow(payment.decimals as u32));
    let rate = Nat::from(payment.cycles_per_token);
    let numerator = Nat::from(cycles) * unit;
    (numerator + rate.clone() - Nat::from(1u8)) / rate
}

/// Sets what deploying `contract_type` costs and burns, whether it is enabled and its factory (whose
/// relationship reports are then accepted). Refuses a fee that does not cover the cycles, or does not
/// exceed the ledger fee (a refund would be empty).
pub fn set_contract_type(ctx: &CallContext, t: ContractType, new: ContractTypeSettings) -> Result<(), BackendError> {
    require_admin(ctx)?;
    let payment = settings::with(|s| s.payment.clone());
    let floor = min_fee(&payment, new.cycles);
    if new.fee < floor {
        return Err(BackendError::FeeBelowCycleCost { min_fee: floor });
    }
    if new.fee <= payment.ledger_fee || u128::try_from(&new.fee.0).is_err() {
        return Err(BackendError::InvalidArgument("the fee must exceed the ledger fee and fit in 128 bits".into()));
    }
    if new.enabled && new.factory.is_none() {
        return Err(BackendError::InvalidArgument("an enabled type needs a factory".into()));
    }
    if let Some(f) = new.factory {
        if settings::with(|s| s.factory_type(f).is_some_and(|other| other != t)) {
            return Err(BackendError::InvalidArgument("that factory serves another contract type".into()));
        }
    }
    settings::update(|s| match s.contract_types.iter_mut().find(|(k, _)| *k == t) {
        Some((_, v)) => *v = new.clone(),
        None => s.contract_types.push((t, new.clone())),
    });
    audit(ctx, "config.set_contract_type", format!("{t:?}: fee {}, cycles {}, {}, factory {}", new.fee, new.cycles, if new.enabled { "enabled" } else { "disabled" }, text_of(new.factory)));
    Ok(())
}

pub fn set_admins(ctx: &CallContext, admins: Vec<Principal>) -> Result<(), BackendError> {
    require_admin(ctx)?;
    check_admins(&admins).map_err(BackendError::InvalidArgument)?;
    settings::update(|s| {
        s.admins = admins.clone();
        s.audit_readers_pending = Some(admins.clone());
    });
    audit(ctx, "config.set_admins", admins.iter().map(Principal::to_text).collect::<Vec<_>>().join(", "));
    Ok(())
}

pub fn set_rate_limits(ctx: &CallContext, limits: RateLimits) -> Result<(), BackendError> {
    require_admin(ctx)?;
    check_rate_limits(&limits).map_err(BackendError::InvalidArgument)?;
    settings::update(|s| s.rate_limits = limits);
    audit(ctx, "config.set_rate_limits", format!("{limits:?}"));
    Ok(())
}

/// A new payment ledger or rate; the fees of every type must still cover their cycles.
pub fn set_payment(ctx: &CallContext, payment: PaymentSettings) -> Result<(), BackendError> {
    require_admin(ctx)?;
    check_payment(&payment).map_err(BackendError::InvalidArgument)?;
    let short = settings::with(|s| s.contract_types.iter().find(|(_, t)| t.fee < min_fee(&payment, t.cycles)).map(|(_, t)| t.cycles));
    if let Some(cycles) = short {
        return Err(BackendError::FeeBelowCycleCost { min_fee: min_fee(&payment, cycles) });
    }
    settings::update(|s| s.payment = payment.clone());
    audit(ctx, "config.set_payment", format!(
        "ledger {}, ledger fee {}, decimals {}, cycles per token {}",
        payment.ledger, payment.ledger_fee, payment.decimals, payment.cycles_per_token
    ));
    Ok(())
}

pub fn set_storages(ctx: &CallContext, storages: Storages) -> Result<(), BackendError> {
    require_admin(ctx)?;
    // A new audit storage learns who the admins are.
    settings::update(|s| {
        s.storages = storages;
        s.audit_readers_pending = Some(s.admins.clone());
    });
    audit(ctx, "config.set_storages", format!("audit {}, invoice {}", text_of(storages.audit), text_of(storages.invoice)));
    outbox::schedule(0);
    Ok(())
}

/// A principal as people read it (its text form), or "none".
fn text_of(principal: Option<Principal>) -> String {
    principal.map_or_else(|| "none".to_string(), |p| p.to_text())
}

/// Every admin change goes to the audit log (through the outbox).
fn audit(ctx: &CallContext, action: &str, payload: String) {
    outbox::audit(ctx.caller, action, vec![], payload, ctx.now);
}

pub fn get() -> BackendConfig {
    settings::with(|s| BackendConfig {
        admins: s.admins.clone(),
        payment: s.payment.clone(),
        contract_types: s.contract_types.clone(),
        rate_limits: s.rate_limits,
        storages: s.storages,
    })
}
