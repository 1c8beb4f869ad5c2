//! The management canister (`aaaaa-aa`), reached by canisters through inter-canister calls and by
//! users through ingress (the library API uses the same path). Controllers are enforced here.
mod chunks;
pub mod install;
mod lifecycle;

use candid::{CandidType, Principal};
use serde::de::DeserializeOwned;

use crate::state::Request;
use crate::subnet::Subnet;
use crate::types::{ErrorCode, RejectCode, RejectResponse};

/// What a management method did with a call.
pub(crate) enum Handled {
    Reply { result: Result<Vec<u8>, RejectResponse>, refund: u128 },
    /// Answered later (`stop_canister` waits for open call contexts to close).
    Deferred,
}

impl Handled {
    fn refund_all(req: &Request, result: Result<Vec<u8>, RejectResponse>) -> Handled {
        Handled::Reply { result, refund: req.cycles }
    }
}

pub(crate) fn decode<T: DeserializeOwned + CandidType>(method: &str, arg: &[u8]) -> Result<T, RejectResponse> {
    candid::decode_one(arg).map_err(|e| {
        RejectResponse::canister_error(
            format!("Error decoding candid arguments of management canister method {method}: {e}"),
            ErrorCode::INVALID_MANAGEMENT_PAYLOAD,
        )
    })
}

pub(crate) fn encode<T: CandidType>(value: &T) -> Vec<u8> {
    candid::encode_one(value).expect("management replies encode")
}

pub(crate) fn encode_unit() -> Vec<u8> {
    candid::encode_args(()).expect("() encodes")
}

impl Subnet {
    pub fn execute_management_request(&mut self, req: Request) {
        let handled = self.handle_management(&req);
        if let Handled::Reply { result, refund } = handled {
            self.respond(&req.origin, result, refund);
        }
    }

    fn handle_management(&mut self, req: &Request) -> Handled {
        let result = match req.method.as_str() {
            "create_canister" => return self.mgmt_create_canister(req),
            "provisional_create_canister_with_cycles" => self.mgmt_provisional_create(req),
            "provisional_top_up_canister" => self.mgmt_top_up(req),
            "deposit_cycles" => return self.mgmt_deposit_cycles(req),
            "update_settings" => self.mgmt_update_settings(req),
            "install_code" => self.mgmt_install_code(req),
            "install_chunked_code" => self.mgmt_install_chunked_code(req),
            "uninstall_code" => self.mgmt_uninstall_code(req),
            "upload_chunk" => self.mgmt_upload_chunk(req),
            "clear_chunk_store" => self.mgmt_clear_chunk_store(req),
            "stored_chunks" => self.mgmt_stored_chunks(req),
            "canister_status" => self.mgmt_canister_status(req),
            "start_canister" => self.mgmt_start_canister(req),
            "stop_canister" => return self.mgmt_stop_canister(req),
            "delete_canister" => self.mgmt_delete_canister(req),
            "raw_rand" => self.mgmt_raw_rand(),
            "fetch_canister_logs" => self.mgmt_fetch_canister_logs(req),
            other => Err(RejectResponse::new(
                RejectCode::DestinationInvalid,
                format!("Management canister has no method '{other}' (or devnet does not support it)"),
                Some(ErrorCode::CANISTER_METHOD_NOT_FOUND),
            )),
        };
        Handled::refund_all(req, result)
    }

    /// The canister, if it exists and `sender` controls it.
    pub(crate) fn controlled_canister(&self, canister_id: &Principal, sender: &Principal) -> Result<(), RejectResponse> {
        let Some(c) = self.canisters.get(canister_id) else {
            return Err(RejectResponse::destination_invalid(
                format!("Canister {canister_id} not found"),
                ErrorCode::CANISTER_NOT_FOUND,
            ));
        };
        if !c.is_controller(sender) {
            let controllers: Vec<String> = c.controllers.iter().map(|p| p.to_string()).collect();
            return Err(RejectResponse::canister_error(
                format!(
                    "Only the controllers of the canister {canister_id} can control it.\nCanister's controllers: {}\nSender's ID: {sender}",
                    controllers.join(" ")
                ),
                ErrorCode::CANISTER_INVALID_CONTROLLER,
            ));
        }
        Ok(())
    }
}
