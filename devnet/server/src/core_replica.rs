//! `Replica` on the devnet core: canisters run as real wasm under wasmtime with IC semantics.

use crate::replica::{CallResult, Reject, Replica};
use crate::state_tree::Tree;
use candid::Principal;
use devnet::{Devnet, MessageId, MetadataVisibility, RejectResponse};
use std::sync::Arc;
use std::time::Duration;

pub struct CoreReplica {
    devnet: Arc<Devnet>,
}

impl CoreReplica {
    pub fn new(devnet: Arc<Devnet>) -> Self {
        Self { devnet }
    }

    pub fn devnet(&self) -> &Arc<Devnet> {
        &self.devnet
    }
}

fn to_reject(reject: RejectResponse) -> Reject {
    Reject { code: reject.code.as_u32() as u64, message: reject.message, error_code: reject.error_code }
}

impl Replica for CoreReplica {
    fn root_key_der(&self) -> Vec<u8> {
        self.devnet.root_key_der()
    }
    fn certify(&self, tree: Tree) -> Vec<u8> {
        self.devnet.certifier().certify(tree)
    }
    fn time_nanos(&self) -> u64 {
        self.devnet.time_nanos()
    }
    fn tick(&self) {
        self.devnet.tick();
    }
    fn advance_time(&self, by: Duration) -> Result<u64, String> {
        self.devnet.advance_time(by);
        // Timers that came due run now, not on the next call.
        self.devnet.tick();
        Ok(self.devnet.time_nanos())
    }
    fn update_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> CallResult {
        self.devnet.update_call(canister, sender, method, arg).map_err(to_reject)
    }
    fn submit_update(&self, request_id: [u8; 32], canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> Result<(), Reject> {
        self.devnet.submit_ingress_with_id(MessageId(request_id), canister, sender, method, arg).map(|_| ()).map_err(to_reject)
    }
    fn await_update(&self, request_id: [u8; 32], wait: Duration) -> Option<CallResult> {
        let id = MessageId(request_id);
        let result = self.devnet.await_call_for(id, Some(wait))?;
        // The server keeps the outcome in its own request statuses.
        self.devnet.forget_ingress(&id);
        Some(result.map_err(to_reject))
    }
    fn query_call(&self, canister: Principal, sender: Principal, method: &str, arg: Vec<u8>) -> CallResult {
        self.devnet.query_call(canister, sender, method, arg).map_err(to_reject)
    }
    fn canister_exists(&self, canister: &Principal) -> bool {
        self.devnet.canister_exists(*canister)
    }
    fn module_hash(&self, canister: &Principal) -> Option<[u8; 32]> {
        self.devnet.module_hash(*canister)
    }
    fn controllers(&self, canister: &Principal) -> Vec<Principal> {
        self.devnet.controllers(*canister)
    }
    fn metadata(&self, canister: &Principal, name: &str) -> Option<(bool, Vec<u8>)> {
        self.devnet
            .metadata(*canister, name)
            .map(|(visibility, bytes)| (visibility == MetadataVisibility::Public, bytes))
    }
}
