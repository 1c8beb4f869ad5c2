//! An in-memory replica for HTTP-layer tests: every existing canister behaves as a counter
//! (`inc` update, `get` query, both returning Candid `nat64`).

use candid::{Encode, Principal};
use devnet_server::replica::{CallResult, Reject, Replica, REJECT_CANISTER_ERROR};
use devnet_server::root_key::RootKey;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

pub struct FakeReplica {
    root: RootKey,
    counters: Mutex<BTreeMap<Principal, u64>>,
    /// Outcomes of submitted updates (they run at submission).
    outcomes: Mutex<BTreeMap<[u8; 32], CallResult>>,
}

impl FakeReplica {
    pub fn with_canisters(ids: &[Principal]) -> Self {
        Self {
            root: RootKey::random(),
            counters: Mutex::new(ids.iter().map(|id| (*id, 0)).collect()),
            outcomes: Mutex::new(BTreeMap::new()),
        }
    }
}

impl Replica for FakeReplica {
    fn root_key_der(&self) -> Vec<u8> {
        self.root.public_key_der()
    }
    fn certify(&self, tree: devnet_server::state_tree::Tree) -> Vec<u8> {
        self.root.certify(&tree)
    }
    fn time_nanos(&self) -> u64 {
        devnet_server::auth::wall_clock_nanos()
    }
    fn tick(&self) {}
    fn update_call(&self, canister: Principal, _sender: Principal, method: &str, _arg: Vec<u8>) -> CallResult {
        let mut counters = self.counters.lock().unwrap();
        let count = counters.get_mut(&canister).ok_or_else(|| Reject::destination_invalid(&canister))?;
        match method {
            "inc" => {
                *count += 1;
                Ok(Encode!(&*count).unwrap())
            }
            _ => Err(Reject::new(REJECT_CANISTER_ERROR, format!("no update method {method}"))),
        }
    }
    fn submit_update(&self, request_id: [u8; 32], canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<(), Reject> {
        if !self.canister_exists(&canister) {
            return Err(Reject::destination_invalid(&canister));
        }
        let result = self.update_call(canister, sender, method, arg);
        self.outcomes.lock().unwrap().insert(request_id, result);
        Ok(())
    }
    fn await_update(&self, request_id: [u8; 32], _wait: Duration) -> Option<CallResult> {
        self.outcomes.lock().unwrap().remove(&request_id)
    }
    fn query_call(&self, canister: Principal, _sender: Principal, method: &str, _arg: Vec<u8>) -> CallResult {
        let counters = self.counters.lock().unwrap();
        let count = counters.get(&canister).ok_or_else(|| Reject::destination_invalid(&canister))?;
        match method {
            "get" => Ok(Encode!(count).unwrap()),
            _ => Err(Reject::new(REJECT_CANISTER_ERROR, format!("no query method {method}"))),
        }
    }
    fn canister_exists(&self, canister: &Principal) -> bool {
        self.counters.lock().unwrap().contains_key(canister)
    }
    fn module_hash(&self, canister: &Principal) -> Option<[u8; 32]> {
        self.canister_exists(canister).then_some([7; 32])
    }
    fn controllers(&self, _canister: &Principal) -> Vec<Principal> {
        vec![Principal::anonymous()]
    }
    fn metadata(&self, _canister: &Principal, name: &str) -> Option<(bool, Vec<u8>)> {
        (name == "candid:service").then(|| (true, b"service : {}".to_vec()))
    }
}
