//! The cycles watch: a factory keeps every contract it deployed above a threshold of cycles from its
//! own balance, bounded per contract per day, and never below its own reserve.
//!
//! - `decide`: pure rules (valid settings, the day of a time, how many cycles a contract gets now).
//! - `store`: stable state, `CyclesWatch`: settings with the list cursor and the last pass, cycles given
//!   per contract on its last day, and a bounded log of top-ups (newest kept).
//! - `pass`: one timer-driven pass over the next batch of contracts (`canister_status` for each
//!   balance, the factory being their controller; `deposit_cycles` for a top-up), on a `Management`
//!   seam so the pass runs in host tests; `IcManagement` is the real one.
//!
//! A large fleet is covered over several passes: the cursor (in stable memory) says where the next one
//! starts, so no pass does more than `batch_size` contracts. Each await commits state: what a top-up
//! gives is counted against the day's cap before `deposit_cycles` is awaited and taken back if the
//! deposit is rejected (its cycles come back then). If the callback traps instead, the count stays:
//! the watch errs on the side of giving less.

pub mod decide;
pub mod pass;
pub mod store;

pub use decide::{decide, Decision};
pub use icto_shared::cycles::{CyclesReport, CyclesWatchSettings, PassSummary, TopUpEvent};
pub use pass::{run_pass, IcManagement, Management};
pub use store::CyclesWatch;
