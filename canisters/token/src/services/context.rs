//! Who calls and when: endpoints fill this from the system API; host tests construct it directly.

use candid::Principal;

#[derive(Clone, Copy, Debug)]
pub struct CallContext {
    pub caller: Principal,
    /// IC time in nanoseconds.
    pub now: u64,
}
