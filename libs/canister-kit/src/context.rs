//! What a service needs to know about the call it serves, read once by the endpoint. Services take a
//! `&CallContext` instead of calling the system API, so host tests drive them with any caller and time.

use candid::Principal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallContext {
    /// Who sent the message (`msg_caller`): the only principal ownership may be decided by.
    pub caller: Principal,
    /// The IC's time, in nanoseconds since the epoch.
    pub now: u64,
    /// This canister.
    pub self_id: Principal,
    /// This canister's cycles at the start of the call.
    pub cycles_balance: u128,
    /// Whether the caller controls this canister.
    pub caller_is_controller: bool,
}

impl CallContext {
    /// The context of the message being executed (canister code only; on the host the system API traps).
    pub fn current() -> CallContext {
        let caller = ic_cdk::api::msg_caller();
        CallContext {
            caller,
            now: ic_cdk::api::time(),
            self_id: ic_cdk::api::canister_self(),
            cycles_balance: ic_cdk::api::canister_cycle_balance(),
            caller_is_controller: ic_cdk::api::is_controller(&caller),
        }
    }

    /// A context for host tests: `caller` at time `now`, a canister with plenty of cycles.
    pub fn for_test(caller: Principal, now: u64) -> CallContext {
        CallContext {
            caller,
            now,
            self_id: Principal::from_slice(&[0xCA; 10]),
            cycles_balance: 100_000_000_000_000,
            caller_is_controller: false,
        }
    }
}
