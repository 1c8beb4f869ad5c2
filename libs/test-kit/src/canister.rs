//! A typed handle on one canister of a devnet: Candid in, Candid out, a panic naming the method when
//! the call is rejected (use the `try_` forms to assert a rejection).

use candid::utils::ArgumentEncoder;
use candid::{CandidType, Deserialize, Principal};
use devnet::{Devnet, RejectResponse};
use std::sync::Arc;

#[derive(Clone)]
pub struct Canister {
    pub devnet: Arc<Devnet>,
    pub id: Principal,
}

impl Canister {
    pub fn new(devnet: &Arc<Devnet>, id: Principal) -> Canister {
        Canister { devnet: devnet.clone(), id }
    }

    /// Creates a canister controlled by `controller` and installs `wasm` with `arg`.
    pub fn install(devnet: &Arc<Devnet>, controller: Principal, wasm: Vec<u8>, arg: Vec<u8>) -> Canister {
        let id = devnet.create_canister(controller);
        devnet.install_code(id, wasm, arg, controller).unwrap_or_else(|e| panic!("installing on {id}: {e:?}"));
        Canister::new(devnet, id)
    }

    pub fn try_update<A: ArgumentEncoder, R: CandidType + for<'a> Deserialize<'a>>(
        &self,
        caller: Principal,
        method: &str,
        args: A,
    ) -> Result<R, RejectResponse> {
        self.devnet.update_candid(self.id, caller, method, args)
    }

    pub fn update<A: ArgumentEncoder, R: CandidType + for<'a> Deserialize<'a>>(&self, caller: Principal, method: &str, args: A) -> R {
        self.try_update(caller, method, args).unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    pub fn try_query_as<A: ArgumentEncoder, R: CandidType + for<'a> Deserialize<'a>>(
        &self,
        caller: Principal,
        method: &str,
        args: A,
    ) -> Result<R, RejectResponse> {
        self.devnet.query_candid(self.id, caller, method, args)
    }

    pub fn query_as<A: ArgumentEncoder, R: CandidType + for<'a> Deserialize<'a>>(&self, caller: Principal, method: &str, args: A) -> R {
        self.try_query_as(caller, method, args).unwrap_or_else(|e| panic!("{method}: {e:?}"))
    }

    /// A query by the anonymous principal.
    pub fn query<A: ArgumentEncoder, R: CandidType + for<'a> Deserialize<'a>>(&self, method: &str, args: A) -> R {
        self.query_as(Principal::anonymous(), method, args)
    }

    /// An update with raw argument bytes (for hostile or hand-made arguments).
    pub fn update_raw(&self, caller: Principal, method: &str, arg: Vec<u8>) -> Result<Vec<u8>, RejectResponse> {
        self.devnet.update_call(self.id, caller, method, arg)
    }

    pub fn upgrade(&self, controller: Principal, wasm: Vec<u8>, arg: Vec<u8>) -> Result<(), RejectResponse> {
        self.devnet.upgrade_canister(self.id, wasm, arg, controller)
    }
}
