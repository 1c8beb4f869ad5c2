//! Spare canisters: a canister created for a contract whose install then failed. Deleting it would
//! burn the cycles it was given, so the factory keeps it (it controls it, and it holds no code) and the
//! next deploy installs on it instead of creating a new one.

use super::CyclesReservation;
use crate::context::CallContext;
use crate::memory::Memory;
use candid::Principal;
use ic_stable_structures::memory_manager::MemoryId;
use ic_stable_structures::storable::Blob;
use ic_stable_structures::StableBTreeMap;
use icto_shared::kit::KitError;
use std::cell::RefCell;

/// The kept canisters, with the time each was kept.
pub struct SpareCanisters {
    kept: StableBTreeMap<Blob<29>, u64, Memory>,
}

fn key(canister: Principal) -> Blob<29> {
    Blob::try_from(canister.as_slice()).expect("a principal has at most 29 bytes")
}

impl SpareCanisters {
    pub fn init(memory: Memory) -> SpareCanisters {
        SpareCanisters { kept: StableBTreeMap::init(memory) }
    }

    /// Keeps `canister` for a later deploy.
    pub fn keep(&mut self, canister: Principal, now: u64) {
        self.kept.insert(key(canister), now);
    }

    /// Takes a kept canister out of the pool (call before the first await, so a concurrent
    /// deploy cannot take the same one).
    pub fn take(&mut self) -> Option<Principal> {
        let (oldest, _) = self.kept.pop_first()?;
        Some(Principal::from_slice(oldest.as_slice()))
    }

    pub fn list(&self) -> Vec<Principal> {
        self.kept.keys().map(|k| Principal::from_slice(k.as_slice())).collect()
    }
}

/// A factory's spare canisters, in the memory it names: declare `const SPARES: SparePool =
/// SparePool::new(memory::SPARE_CANISTERS)` and deploy every new contract with `SPARES.deploy_new(...)`.
/// The pool is opened on first use (one per canister).
#[derive(Clone, Copy)]
pub struct SparePool {
    memory: MemoryId,
}

thread_local! {
    static POOL: RefCell<Option<SpareCanisters>> = const { RefCell::new(None) };
}

impl SparePool {
    pub const fn new(memory: MemoryId) -> SparePool {
        SparePool { memory }
    }

    pub fn with<R>(self, f: impl FnOnce(&mut SpareCanisters) -> R) -> R {
        POOL.with(|p| f(p.borrow_mut().get_or_insert_with(|| SpareCanisters::init(crate::memory::get(self.memory)))))
    }

    /// A canister for a new contract: a spare one (kept from a failed install, topped up to `cycles`) or
    /// a new one controlled by the factory alone. The spare leaves the pool before the first await and
    /// returns to it on failure.
    async fn obtain(self, self_id: Principal, cycles: u128, now: u64) -> Result<Principal, KitError> {
        match self.with(|s| s.take()) {
            Some(spare) => match super::top_up_to(spare, cycles).await {
                Ok(()) => Ok(spare),
                Err(e) => {
                    self.with(|s| s.keep(spare, now));
                    Err(e)
                }
            },
            None => super::create(vec![self_id], cycles).await,
        }
    }

    /// Deploys a new contract for the call `ctx` (the factory becomes its only controller): reserves
    /// `cycles` (keeping `reserve` back, counting deploys in flight), obtains a
    /// canister (a spare or a new one), then installs `wasm` with the argument `arg` builds for that
    /// canister. A canister whose install failed (or whose argument could not be built) is empty and still
    /// holds its cycles: it is kept for the next contract. Take the caller's `Lock` before calling; write
    /// the contract's record only once this returns `Ok`.
    pub async fn deploy_new<E: From<KitError>>(
        self,
        ctx: &CallContext,
        cycles: u128,
        reserve: u128,
        wasm: Vec<u8>,
        arg: impl FnOnce(Principal) -> Result<Vec<u8>, E>,
    ) -> Result<Principal, E> {
        // Counted against every other deploy until the canister has its cycles.
        let (self_id, now) = (ctx.self_id, ctx.now);
        let reservation = CyclesReservation::take(ctx.cycles_balance, cycles, reserve)?;
        let canister_id = self.obtain(self_id, cycles, now).await?;
        drop(reservation);
        let installed = match arg(canister_id) {
            Ok(arg) => super::install(canister_id, wasm, arg).await.map_err(E::from),
            Err(e) => Err(e),
        };
        if let Err(e) = installed {
            self.with(|s| s.keep(canister_id, now));
            return Err(e);
        }
        Ok(canister_id)
    }
}
