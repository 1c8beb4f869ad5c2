//! One pass of the watch over the next batch of contracts. The management canister is behind
//! `Management` so the pass's bookkeeping (cursor, cap counted before the deposit, taken back on a
//! rejection, the log) runs in host tests; `IcManagement` makes the real calls.

use super::decide::Decision;
use super::store::CyclesWatch;
use candid::Principal;
use icto_shared::cycles::PassSummary;
use std::cell::RefCell;
use std::thread::LocalKey;

#[allow(async_fn_in_trait)]
pub trait Management {
    /// The contract's cycles (`canister_status`; the caller must control it).
    async fn cycles_of(&self, contract: Principal) -> Result<u128, String>;
    /// Sends `amount` of the caller's cycles to `contract` (`deposit_cycles`); a rejection refunds them.
    async fn deposit(&self, contract: Principal, amount: u128) -> Result<(), String>;
    /// The caller's own cycles now.
    fn own_balance(&self) -> u128;
    fn now(&self) -> u64;
}

/// Checks the next `batch_size` of `count` contracts (`contract_at(start, n)` lists positions
/// `[start, start + n)`) and tops up those below the threshold. Run it from a serial timer so two
/// passes never interleave.
pub async fn run_pass<M: Management>(
    watch: &'static LocalKey<RefCell<CyclesWatch>>,
    count: u64,
    contract_at: impl FnOnce(u64, u64) -> Vec<Principal>,
    management: &M,
) -> PassSummary {
    let (start, n) = watch.with(|w| w.borrow_mut().take_batch(count));
    let mut summary = PassSummary { started_at: management.now(), first_position: start, ..Default::default() };
    for contract in contract_at(start, n) {
        summary.checked += 1;
        let balance = match management.cycles_of(contract).await {
            Ok(balance) => balance,
            Err(_) => {
                summary.failed += 1;
                continue;
            }
        };
        // Read after the await: other messages ran meanwhile.
        let now = management.now();
        let decision = watch.with(|w| w.borrow().decide(&contract, balance, now, management.own_balance()));
        match decision {
            Decision::Enough => {}
            Decision::CapReached => summary.capped += 1,
            Decision::HoldBack => summary.held_back += 1,
            Decision::TopUp(amount) => {
                watch.with(|w| w.borrow_mut().count_given(contract, now, amount));
                match management.deposit(contract, amount).await {
                    Ok(()) => {
                        let at = management.now();
                        watch.with(|w| w.borrow_mut().record_top_up(at, contract, amount, balance));
                        summary.topped_up += 1;
                    }
                    Err(_) => {
                        watch.with(|w| w.borrow_mut().uncount_given(contract, now, amount));
                        summary.failed += 1;
                    }
                }
            }
        }
    }
    watch.with(|w| w.borrow_mut().finish_pass(summary.clone()));
    summary
}

/// The management canister, from canister code.
pub struct IcManagement;

impl Management for IcManagement {
    async fn cycles_of(&self, contract: Principal) -> Result<u128, String> {
        use ic_cdk::call::Call;
        use ic_management_canister_types::{CanisterIdRecord, CanisterStatusResult};
        let reply = Call::bounded_wait(Principal::management_canister(), "canister_status")
            .with_arg(CanisterIdRecord { canister_id: contract })
            .await
            .map_err(|e| e.to_string())?;
        let status: CanisterStatusResult = reply.candid().map_err(|e| e.to_string())?;
        Ok(u128::try_from(status.cycles.0).unwrap_or(u128::MAX))
    }

    /// Unbounded wait: with cycles attached, the outcome must be known (a rejection refunds them).
    async fn deposit(&self, contract: Principal, amount: u128) -> Result<(), String> {
        use ic_cdk::call::Call;
        use ic_management_canister_types::CanisterIdRecord;
        Call::unbounded_wait(Principal::management_canister(), "deposit_cycles")
            .with_arg(CanisterIdRecord { canister_id: contract })
            .with_cycles(amount)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn own_balance(&self) -> u128 {
        ic_cdk::api::canister_cycle_balance()
    }

    fn now(&self) -> u64 {
        ic_cdk::api::time()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};
    use icto_shared::cycles::CyclesWatchSettings;
    use std::cell::Cell;
    use std::collections::BTreeMap;

    const T: u128 = 1_000_000_000_000;

    thread_local! {
        static WATCH: RefCell<CyclesWatch> = RefCell::new(CyclesWatch::init(get(Id::new(233)), get(Id::new(234)), get(Id::new(235))));
    }

    /// A management canister in memory: balances, the caller's cycles, and contracts whose deposit is
    /// rejected or whose status cannot be read.
    struct Fake {
        balances: RefCell<BTreeMap<Principal, u128>>,
        own: Cell<u128>,
        reject_deposit: Vec<Principal>,
        unreadable: Vec<Principal>,
        now: u64,
    }

    impl Management for Fake {
        async fn cycles_of(&self, contract: Principal) -> Result<u128, String> {
            if self.unreadable.contains(&contract) {
                return Err("canister_status rejected".into());
            }
            Ok(self.balances.borrow()[&contract])
        }
        async fn deposit(&self, contract: Principal, amount: u128) -> Result<(), String> {
            if self.reject_deposit.contains(&contract) {
                return Err("deposit_cycles rejected".into());
            }
            self.own.set(self.own.get() - amount);
            *self.balances.borrow_mut().get_mut(&contract).unwrap() += amount;
            Ok(())
        }
        fn own_balance(&self) -> u128 {
            self.own.get()
        }
        fn now(&self) -> u64 {
            self.now
        }
    }

    /// Runs a future that never waits on anything outside it (the fake answers at once).
    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match f.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(out) => out,
            std::task::Poll::Pending => panic!("the fake never waits"),
        }
    }

    fn id(n: u8) -> Principal {
        Principal::from_slice(&[n])
    }

    fn pass(fake: &Fake, contracts: &[Principal]) -> PassSummary {
        block_on(run_pass(&WATCH, contracts.len() as u64, |start, n| contracts[start as usize..(start + n) as usize].to_vec(), fake))
    }

    #[test]
    fn a_pass_tops_up_the_low_contracts_of_its_batch_and_logs_them() {
        let mut s = CyclesWatchSettings::default();
        (s.batch_size, s.threshold, s.top_up_amount, s.daily_cap_per_contract, s.factory_reserve) = (3, 2 * T, T, T, 10 * T);
        WATCH.with(|w| w.borrow_mut().set_settings(s)).unwrap();
        let contracts: Vec<Principal> = (1..=5).map(id).collect();
        let fake = Fake {
            balances: RefCell::new(contracts.iter().map(|c| (*c, T / 2)).collect()),
            own: Cell::new(100 * T),
            reject_deposit: vec![id(2)],
            unreadable: vec![id(3)],
            now: 1_000,
        };
        fake.balances.borrow_mut().insert(id(1), 3 * T); // enough

        let first = pass(&fake, &contracts);
        assert_eq!((first.first_position, first.checked, first.topped_up, first.failed), (0, 3, 0, 2));
        // The rejected deposit gave nothing and counts nothing against the cap.
        assert_eq!(WATCH.with(|w| w.borrow().given_today(&id(2), 1_000)), 0);
        assert_eq!(fake.own.get(), 100 * T);

        let second = pass(&fake, &contracts);
        assert_eq!((second.first_position, second.checked, second.topped_up), (3, 2, 2));
        assert_eq!(fake.balances.borrow()[&id(4)], T / 2 + T);
        let log = WATCH.with(|w| w.borrow().top_ups(crate::pagination::PageRequest::new(0, 10)));
        assert_eq!(log.items.iter().map(|e| (e.contract, e.amount, e.balance_before)).collect::<Vec<_>>(), vec![(id(5), T, T / 2), (id(4), T, T / 2)]);

        // Round again: 1 still has enough, 2 and 3 fail again; 4 and 5 (1.5T, under 2T) got their day's cap.
        let third = pass(&fake, &contracts);
        assert_eq!((third.first_position, third.topped_up, third.failed), (0, 0, 2));
        let fourth = pass(&fake, &contracts);
        assert_eq!((fourth.first_position, fourth.capped, fourth.topped_up), (3, 2, 0));
        assert_eq!(fake.own.get(), 98 * T);

        // The next day they may get more, but only what keeps the factory at its reserve (10T).
        let next_day = Fake { now: 1_000 + 86_400 * 1_000_000_000, own: Cell::new(10 * T + T / 2), ..fake };
        pass(&next_day, &contracts);
        let fifth = pass(&next_day, &contracts);
        assert_eq!((fifth.first_position, fifth.topped_up, fifth.held_back), (3, 1, 1));
        assert_eq!(next_day.own.get(), 10 * T);
        assert_eq!(next_day.balances.borrow()[&id(4)], 2 * T);
        assert_eq!(WATCH.with(|w| w.borrow().state().total_given), 2 * T + T / 2);
    }
}
