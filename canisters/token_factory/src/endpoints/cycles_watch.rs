use crate::services::cycles_watch;
use canister_kit::pagination::PageRequest;
use canister_kit::{query, update, CallContext};
use icto_shared::cycles::{CyclesReport, CyclesWatchSettings};
use icto_shared::token_factory::FactoryError;

/// Admins only; the timer restarts with the new interval.
#[update]
fn set_cycles_watch(settings: CyclesWatchSettings) -> Result<(), FactoryError> {
    cycles_watch::set_settings(&CallContext::current(), settings)?;
    cycles_watch::schedule();
    Ok(())
}

/// Admins only: the factory's balance and low flag, the settings, the last pass and the top-ups
/// (newest first, paged).
#[query]
fn get_cycles_report(page: PageRequest) -> Result<CyclesReport, FactoryError> {
    cycles_watch::report(&CallContext::current(), page)
}
