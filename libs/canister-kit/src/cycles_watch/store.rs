//! The watch's stable state, in three memories: the state cell (settings, list cursor, last pass,
//! total given), cycles given per contract on its last day, and the top-up log by sequence number
//! (bounded: the oldest entries are dropped past `MAX_TOP_UP_EVENTS`).

use super::decide::{self, day_of, Decision};
use crate::memory::Memory;
use crate::pagination::{Page, PageRequest};
use crate::storable::Candid;
use candid::{CandidType, Deserialize, Principal};
use ic_stable_structures::{Cell, StableBTreeMap};
use icto_shared::cycles::limits::MAX_TOP_UP_EVENTS;
use icto_shared::cycles::{CyclesWatchSettings, PassSummary, TopUpEvent};
use icto_shared::kit::KitError;

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct WatchState {
    pub settings: CyclesWatchSettings,
    /// Position in the contract list where the next pass starts.
    pub cursor: u64,
    pub last_pass: Option<PassSummary>,
    pub total_given: u128,
}

/// What a contract received on `day`.
#[derive(CandidType, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
struct Given {
    day: u64,
    amount: u128,
}

pub struct CyclesWatch {
    state: Cell<Candid<WatchState>, Memory>,
    given: StableBTreeMap<Principal, Candid<Given>, Memory>,
    events: StableBTreeMap<u64, Candid<TopUpEvent>, Memory>,
}

impl CyclesWatch {
    pub fn init(state: Memory, given: Memory, events: Memory) -> CyclesWatch {
        CyclesWatch {
            state: Cell::init(state, Candid(WatchState::default())),
            given: StableBTreeMap::init(given),
            events: StableBTreeMap::init(events),
        }
    }

    pub fn state(&self) -> WatchState {
        self.state.get().0.clone()
    }

    fn update(&mut self, f: impl FnOnce(&mut WatchState)) {
        let mut state = self.state();
        f(&mut state);
        self.state.set(Candid(state));
    }

    pub fn settings(&self) -> CyclesWatchSettings {
        self.state.get().0.settings.clone()
    }

    pub fn set_settings(&mut self, settings: CyclesWatchSettings) -> Result<(), KitError> {
        decide::validate(&settings)?;
        self.update(|s| s.settings = settings);
        Ok(())
    }

    /// The positions `[start, start + n)` of a list of `count` contracts that this pass checks, with
    /// the cursor moved past them (back to 0 after the end) before anything is awaited.
    pub fn take_batch(&mut self, count: u64) -> (u64, u64) {
        let state = self.state();
        let start = if state.cursor < count { state.cursor } else { 0 };
        let n = (state.settings.batch_size as u64).min(count - start);
        let next = if start + n >= count { 0 } else { start + n };
        self.update(|s| s.cursor = next);
        (start, n)
    }

    pub fn given_today(&self, contract: &Principal, now: u64) -> u128 {
        match self.given.get(contract) {
            Some(Candid(g)) if g.day == day_of(now) => g.amount,
            _ => 0,
        }
    }

    /// The decision for `contract` with `balance` cycles, the factory holding `factory_balance`.
    pub fn decide(&self, contract: &Principal, balance: u128, now: u64, factory_balance: u128) -> Decision {
        decide::decide(&self.state.get().0.settings, balance, self.given_today(contract, now), factory_balance)
    }

    /// Counts `amount` as given to `contract` today (before the deposit is awaited).
    pub fn count_given(&mut self, contract: Principal, now: u64, amount: u128) {
        let amount = self.given_today(&contract, now).saturating_add(amount);
        self.given.insert(contract, Candid(Given { day: day_of(now), amount }));
    }

    /// Takes back what `count_given` counted at `counted_at` when the deposit was rejected.
    pub fn uncount_given(&mut self, contract: Principal, counted_at: u64, amount: u128) {
        if let Some(Candid(mut g)) = self.given.get(&contract) {
            if g.day == day_of(counted_at) {
                g.amount = g.amount.saturating_sub(amount);
                self.given.insert(contract, Candid(g));
            }
        }
    }

    /// Logs a top-up that succeeded.
    pub fn record_top_up(&mut self, at: u64, contract: Principal, amount: u128, balance_before: u128) -> TopUpEvent {
        let seq = self.events.last_key_value().map_or(1, |(k, _)| k + 1);
        let event = TopUpEvent { seq, at, contract, amount, balance_before };
        self.events.insert(seq, Candid(event.clone()));
        while self.events.len() > MAX_TOP_UP_EVENTS {
            self.events.pop_first();
        }
        self.update(|s| s.total_given = s.total_given.saturating_add(amount));
        event
    }

    pub fn finish_pass(&mut self, summary: PassSummary) {
        self.update(|s| s.last_pass = Some(summary));
    }

    /// Top-ups newest first: one seek to `newest - offset`, then the page.
    pub fn top_ups(&self, request: PageRequest) -> Page<TopUpEvent> {
        let total = self.events.len();
        let Some((newest, _)) = self.events.last_key_value() else { return Page::empty() };
        if request.offset >= total {
            return Page { items: vec![], total };
        }
        let items = self
            .events
            .range(..=newest - request.offset)
            .rev()
            .take(request.capped_limit() as usize)
            .map(|e| e.value().0)
            .collect();
        Page { items, total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};

    const T: u128 = 1_000_000_000_000;
    const DAY: u64 = 86_400 * 1_000_000_000;

    fn watch() -> CyclesWatch {
        CyclesWatch::init(get(Id::new(230)), get(Id::new(231)), get(Id::new(232)))
    }

    fn id(n: u8) -> Principal {
        Principal::from_slice(&[n])
    }

    #[test]
    fn the_cursor_walks_the_list_in_batches_and_wraps() {
        let mut w = watch();
        let mut s = CyclesWatchSettings::default();
        s.batch_size = 3;
        w.set_settings(s).unwrap();
        assert_eq!(w.take_batch(7), (0, 3));
        assert_eq!(w.take_batch(7), (3, 3));
        assert_eq!(w.take_batch(7), (6, 1));
        assert_eq!(w.state().cursor, 0);
        assert_eq!(w.take_batch(7), (0, 3));
        // The list shrank below the cursor (it never does for a factory, but the pass must not fail).
        assert_eq!(w.take_batch(2), (0, 2));
        assert_eq!(w.take_batch(0), (0, 0));
    }

    #[test]
    fn the_days_cap_counts_per_contract_and_per_day() {
        let mut w = watch();
        let mut s = CyclesWatchSettings::default();
        (s.threshold, s.top_up_amount, s.daily_cap_per_contract, s.factory_reserve) = (5 * T, T, 2 * T, 0);
        w.set_settings(s).unwrap();
        let now = 20_000 * DAY + 5;
        assert_eq!(w.decide(&id(1), 0, now, 100 * T), Decision::TopUp(T));
        w.count_given(id(1), now, T);
        w.count_given(id(1), now + 1, T);
        assert_eq!(w.decide(&id(1), 0, now + 2, 100 * T), Decision::CapReached);
        assert_eq!(w.decide(&id(2), 0, now + 2, 100 * T), Decision::TopUp(T), "another contract has its own cap");
        // A rejected deposit gives its share of the cap back.
        w.uncount_given(id(1), now + 1, T);
        assert_eq!(w.given_today(&id(1), now + 2), T);
        // The next day starts at 0; taking back yesterday's count does not touch today's.
        assert_eq!(w.decide(&id(1), 0, now + DAY, 100 * T), Decision::TopUp(T));
        w.count_given(id(1), now + DAY, T);
        w.uncount_given(id(1), now, T);
        assert_eq!(w.given_today(&id(1), now + DAY), T);
    }

    #[test]
    fn the_log_is_paged_newest_first_and_keeps_the_newest() {
        let mut w = watch();
        for n in 1..=5u64 {
            w.record_top_up(n * 10, id(n as u8), n as u128 * T, 0);
        }
        let page = w.top_ups(PageRequest::new(1, 2));
        assert_eq!(page.total, 5);
        assert_eq!(page.items.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![4, 3]);
        assert_eq!(w.top_ups(PageRequest::new(4, 10)).items.len(), 1);
        assert!(w.top_ups(PageRequest::new(5, 10)).items.is_empty());
        assert!(w.top_ups(PageRequest::new(u64::MAX, 10)).items.is_empty());
        assert_eq!(w.state().total_given, 15 * T);

        for n in 6..=MAX_TOP_UP_EVENTS + 2 {
            w.record_top_up(n, id(1), 1, 0);
        }
        let page = w.top_ups(PageRequest::new(0, 1_000));
        assert_eq!(page.total, MAX_TOP_UP_EVENTS);
        assert_eq!(page.items[0].seq, MAX_TOP_UP_EVENTS + 2);
        assert_eq!(w.top_ups(PageRequest::new(MAX_TOP_UP_EVENTS - 1, 1)).items[0].seq, 3, "the two oldest dropped");
    }

    #[test]
    fn invalid_settings_are_not_stored() {
        let mut w = watch();
        let mut s = CyclesWatchSettings::default();
        s.batch_size = 0;
        assert!(w.set_settings(s).is_err());
        assert_eq!(w.settings(), CyclesWatchSettings::default());
    }
}
