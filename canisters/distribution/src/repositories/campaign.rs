//! The campaign record: its config in a Candid cell (written when the config, registration or refund
//! changes) and its status and counters in a fixed 64-byte cell (written by every change). Services see
//! one `Campaign`; `update` writes the Candid cell only when something besides the counters changed, so a
//! claim costs a fixed-size write instead of a Candid encoding of the whole record (~1.2M instructions).
//! A campaign stored before the counters had their own cell reads them from its Candid record until the
//! first write.

use crate::memory::{self, Memory};
use crate::models::campaign::Campaign;
use crate::models::progress::{Progress, StoredProgress};
use canister_kit::stable_value::StableValue;
use ic_stable_structures::Cell;
use std::cell::RefCell;

thread_local! {
    static CAMPAIGN: RefCell<StableValue<Option<Campaign>>> =
        RefCell::new(StableValue::init(memory::get(memory::CAMPAIGN), None));
    static PROGRESS: RefCell<Cell<StoredProgress, Memory>> =
        RefCell::new(Cell::init(memory::get(memory::PROGRESS), StoredProgress::default()));
}

fn progress_of(c: &Campaign) -> Progress {
    Progress {
        status: c.status,
        allocated: c.allocated,
        claimed: c.claimed,
        recipients: c.recipients,
        claims: c.claims,
        pending_claims: c.pending_claims,
    }
}

fn apply(c: &mut Campaign, p: Progress) {
    c.status = p.status;
    c.allocated = p.allocated;
    c.claimed = p.claimed;
    c.recipients = p.recipients;
    c.claims = p.claims;
    c.pending_claims = p.pending_claims;
}

/// Whether two records differ in anything but the counters.
fn config_differs(a: &Campaign, b: &Campaign) -> bool {
    let mut b = b.clone();
    apply(&mut b, progress_of(a));
    *a != b
}

pub fn exists() -> bool {
    CAMPAIGN.with(|c| c.borrow().get().is_some())
}

pub fn set(campaign: Campaign) {
    PROGRESS.with(|p| p.borrow_mut().set(StoredProgress(Some(progress_of(&campaign)))));
    CAMPAIGN.with(|c| c.borrow_mut().update(|v| *v = Some(campaign)));
}

/// The campaign (written by `init`, so always present in a running contract).
pub fn get() -> Campaign {
    let mut campaign = CAMPAIGN.with(|c| c.borrow().get().clone()).expect("the campaign is written at init");
    if let Some(p) = PROGRESS.with(|p| p.borrow().get().0) {
        apply(&mut campaign, p);
    }
    campaign
}

pub fn update<R>(f: impl FnOnce(&mut Campaign) -> R) -> R {
    let before = get();
    let mut after = before.clone();
    let r = f(&mut after);
    if config_differs(&before, &after) {
        CAMPAIGN.with(|c| c.borrow_mut().update(|v| *v = Some(after.clone())));
    }
    PROGRESS.with(|p| p.borrow_mut().set(StoredProgress(Some(progress_of(&after)))));
    r
}

/// Writes the Candid record alone, as the first layout did (host tests of reading it).
#[cfg(test)]
pub fn set_first_layout(campaign: Campaign) {
    CAMPAIGN.with(|c| c.borrow_mut().update(|v| *v = Some(campaign)));
}
