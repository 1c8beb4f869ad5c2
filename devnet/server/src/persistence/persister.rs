//! Group commit of devnet snapshots: each caller gets a ticket after its change; one snapshot
//! taken after a ticket covers it, so concurrent calls share a write.

use super::store::StateStore;
use devnet::Devnet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub struct Persister {
    devnet: Arc<Devnet>,
    store: StateStore,
    tickets: AtomicU64,
    /// The highest ticket known to be on disk.
    flushed: Mutex<u64>,
}

impl Persister {
    pub fn new(devnet: Arc<Devnet>, store: StateStore) -> Self {
        Self { devnet, store, tickets: AtomicU64::new(0), flushed: Mutex::new(0) }
    }

    pub fn store(&self) -> &StateStore {
        &self.store
    }

    /// Returns once everything done before the call is on disk.
    pub fn commit(&self) -> anyhow::Result<()> {
        let ticket = self.tickets.fetch_add(1, Ordering::SeqCst) + 1;
        let mut flushed = self.flushed.lock().unwrap_or_else(|p| p.into_inner());
        if *flushed >= ticket {
            return Ok(());
        }
        let covered = self.tickets.load(Ordering::SeqCst);
        let snapshot = self.devnet.snapshot().map_err(anyhow::Error::msg)?;
        self.store.save(&snapshot)?;
        *flushed = covered;
        Ok(())
    }
}
