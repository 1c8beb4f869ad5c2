use super::access::{require_admin, require_writer};
use crate::repositories::settings;
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::audit::limits::{MAX_ADMINS, MAX_WRITERS};
use icto_shared::audit::{AuditError, AuditInitArgs};

pub fn init(args: AuditInitArgs) -> Result<(), String> {
    if args.admins.is_empty() || args.admins.len() > MAX_ADMINS || args.writers.len() > MAX_WRITERS {
        return Err(format!("give 1 to {MAX_ADMINS} admins and at most {MAX_WRITERS} writers"));
    }
    settings::update(|s| {
        s.admins = args.admins;
        s.writers = args.writers;
    });
    Ok(())
}

pub fn set_writers(ctx: &CallContext, writers: Vec<Principal>) -> Result<(), AuditError> {
    require_admin(ctx)?;
    if writers.len() > MAX_WRITERS {
        return Err(AuditError::InvalidArgument(format!("at most {MAX_WRITERS} writers")));
    }
    settings::update(|s| s.writers = writers);
    Ok(())
}

/// Writers (the backend) name who else reads every entry: its own admins.
pub fn set_readers(ctx: &CallContext, readers: Vec<Principal>) -> Result<(), AuditError> {
    require_writer(ctx)?;
    if readers.len() > MAX_ADMINS {
        return Err(AuditError::InvalidArgument(format!("at most {MAX_ADMINS} readers")));
    }
    settings::update(|s| s.readers = Some(readers));
    Ok(())
}

pub fn readers() -> Vec<Principal> {
    settings::with(|s| s.readers.clone().unwrap_or_default())
}

pub fn writers() -> Vec<Principal> {
    settings::with(|s| s.writers.clone())
}
