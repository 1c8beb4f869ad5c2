//! Persistent state (`devnet start --state DIR`): snapshots of the devnet written atomically, with
//! group commit so an update call is acknowledged only once its effects are on disk.

mod files;
mod persister;
mod store;

pub use files::write_atomically;
pub use persister::Persister;
pub use store::StateStore;
