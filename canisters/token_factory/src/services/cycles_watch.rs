//! The cycles watch over every token the factory deployed (the kit's `cycles_watch`): the watched
//! contracts are the public token list, a serial timer runs a pass every `interval_seconds`, admins set
//! the settings and read the report.

use super::access::require_admin;
use crate::repositories::{cycles_watch as watch, tokens};
use canister_kit::cycles_watch::{run_pass, IcManagement};
use canister_kit::pagination::PageRequest;
use canister_kit::CallContext;
use icto_shared::cycles::{CyclesReport, CyclesWatchSettings, PassSummary};
use icto_shared::token_factory::FactoryError;

pub fn set_settings(ctx: &CallContext, settings: CyclesWatchSettings) -> Result<(), FactoryError> {
    require_admin(ctx)?;
    watch::update(|w| w.set_settings(settings))?;
    Ok(())
}

pub fn report(ctx: &CallContext, page: PageRequest) -> Result<CyclesReport, FactoryError> {
    require_admin(ctx)?;
    Ok(watch::with(|w| {
        let state = w.state();
        CyclesReport {
            factory_balance: ctx.cycles_balance,
            factory_low: ctx.cycles_balance < state.settings.low_balance_mark,
            watched_contracts: tokens::count(),
            next_position: state.cursor,
            last_pass: state.last_pass,
            total_given: state.total_given,
            top_ups: w.top_ups(page),
            settings: state.settings,
        }
    }))
}

/// One pass over the next batch of tokens (canister code only: it calls the management canister).
pub async fn pass() -> PassSummary {
    run_pass(watch::store(), tokens::count(), tokens::ids_from, &IcManagement).await
}

thread_local! {
    static TIMER: std::cell::Cell<Option<ic_cdk_timers::TimerId>> = const { std::cell::Cell::new(None) };
}

/// (Re)starts the watch's timer at the interval in the settings: in `init`, in `post_upgrade` (timers
/// do not survive an upgrade) and when the settings change. Serial: a pass still running when the next
/// is due makes that one skip, so two passes never interleave.
pub fn schedule() {
    let interval = std::time::Duration::from_secs(watch::with(|w| w.settings().interval_seconds));
    if let Some(old) = TIMER.with(|t| t.take()) {
        ic_cdk_timers::clear_timer(old);
    }
    let id = ic_cdk_timers::set_timer_interval_serial(interval, async || {
        pass().await;
    });
    TIMER.with(|t| t.set(Some(id)));
}
