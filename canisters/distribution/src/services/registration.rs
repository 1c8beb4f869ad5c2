//! Self-registration: while the window is open and the campaign not yet active, a principal adds itself
//! (`msg_caller`, never a principal in the argument) as a recipient of the registration's amount, if
//! places are left and, for a whitelist-only campaign, it is on the whitelist. A registrant is a
//! recipient row like any other (reported to the factory, funded before activation).

use crate::models::campaign::RegistrationState;
use crate::repositories::{campaign as repo, registration as whitelist};
use crate::services::{access, recipients, LIFECYCLE};
use canister_kit::lock::Lock;
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::distribution::limits::{MAX_BATCH, MAX_RECIPIENTS};
use icto_shared::distribution::*;

/// Stores the settings (the whitelist in its own map); `registration` is already validated.
pub fn init(registration: Option<Registration>) -> Option<RegistrationState> {
    let mut settings = registration?;
    whitelist::add(std::mem::take(&mut settings.whitelist));
    Some(RegistrationState { settings, registered: 0 })
}

pub fn register(ctx: &CallContext) -> Result<RecipientInfo, DistributionError> {
    if ctx.caller == Principal::anonymous() {
        return Err(DistributionError::Unauthorized);
    }
    let c = repo::get();
    let state = c.registration.clone().ok_or(DistributionError::NoRegistration)?;
    let r = &state.settings;
    if c.status != CampaignStatus::Created || !r.is_open(ctx.now) {
        return Err(DistributionError::RegistrationClosed { opens_at: r.opens_at, closes_at: r.closes_at });
    }
    if Lock::is_held(&LIFECYCLE) {
        return Err(DistributionError::OperationInProgress);
    }
    if state.registered >= r.max_registrants {
        return Err(DistributionError::RegistrationFull { max: r.max_registrants });
    }
    if r.whitelist_only && !whitelist::contains(&ctx.caller) {
        return Err(DistributionError::NotWhitelisted);
    }
    let entry = RecipientEntry { owner: ctx.caller, subaccount: None, category: r.category, amount: r.amount.clone() };
    let batch = recipients::validate(&c, std::slice::from_ref(&entry)).map_err(|e| match e {
        DistributionError::DuplicateRecipient { .. } => DistributionError::AlreadyRegistered,
        other => other,
    })?;
    recipients::insert(batch);
    repo::update(|c| {
        if let Some(s) = c.registration.as_mut() {
            s.registered += 1;
        }
    });
    Ok(RecipientInfo { owner: entry.owner, subaccount: None, category: entry.category, amount: entry.amount, claimed: Nat::from(0u8) })
}

/// The creator adds principals to the whitelist before the window closes; returns how many are listed.
pub fn add_to_whitelist(ctx: &CallContext, principals: Vec<Principal>) -> Result<u64, DistributionError> {
    let c = repo::get();
    access::require_creator(ctx, &c)?;
    let state = c.registration.as_ref().ok_or(DistributionError::NoRegistration)?;
    if c.status != CampaignStatus::Created || ctx.now >= state.settings.closes_at {
        return Err(DistributionError::RegistrationClosed { opens_at: state.settings.opens_at, closes_at: state.settings.closes_at });
    }
    if principals.len() > MAX_BATCH {
        return Err(DistributionError::BatchTooLarge { max: MAX_BATCH as u32 });
    }
    if principals.contains(&Principal::anonymous()) {
        return Err(DistributionError::InvalidRegistration { reason: "the anonymous principal cannot be whitelisted".into() });
    }
    if whitelist::count() + principals.len() as u64 > MAX_RECIPIENTS {
        return Err(DistributionError::TooManyRecipients { max: MAX_RECIPIENTS });
    }
    Ok(whitelist::add(principals))
}

/// Activation waits for the window to close, unless every place is taken.
pub fn require_closed(state: &Option<RegistrationState>, now: u64) -> Result<(), DistributionError> {
    match state {
        Some(s) if now < s.settings.closes_at && s.registered < s.settings.max_registrants => {
            Err(DistributionError::RegistrationOpen { closes_at: s.settings.closes_at })
        }
        _ => Ok(()),
    }
}

pub fn info(state: &Option<RegistrationState>) -> Option<RegistrationInfo> {
    state.as_ref().map(|s| RegistrationInfo {
        opens_at: s.settings.opens_at,
        closes_at: s.settings.closes_at,
        max_registrants: s.settings.max_registrants,
        category: s.settings.category,
        amount: s.settings.amount.clone(),
        whitelist_only: s.settings.whitelist_only,
        registered: s.registered,
        whitelisted: whitelist::count(),
    })
}
