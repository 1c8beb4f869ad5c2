//! Deployments started per fixed window, per user and globally, so spam cannot drain the cycles the
//! factories spend. Counted when a deployment is accepted (before the charge).

use crate::repositories::{rate_limits, settings};
use candid::Principal;
use icto_shared::backend::DeployError;

const NANOS: u64 = 1_000_000_000;

/// Counts one deployment of `user` at `now`, or says how long to wait.
pub fn admit(user: Principal, now: u64) -> Result<(), DeployError> {
    let limits = settings::with(|s| s.rate_limits);
    let window = limits.window_seconds.saturating_mul(NANOS).max(1);
    let start = now - now % window;
    let retry_after_seconds = (start + window - now).div_ceil(NANOS);
    let current = |w: Option<(u64, u32)>| w.filter(|(s, _)| *s == start).map_or(0, |(_, n)| n);
    let (mine, all) = (current(rate_limits::user(&user)), current(rate_limits::global()));
    if mine >= limits.per_user || all >= limits.global {
        return Err(DeployError::RateLimited { retry_after_seconds });
    }
    rate_limits::set_user(user, (start, mine + 1));
    rate_limits::set_global((start, all + 1));
    Ok(())
}
