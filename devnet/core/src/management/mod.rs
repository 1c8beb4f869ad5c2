//! The management canister (`aaaaa-aa`), reached by canisters through inter-canister calls and by
//! users through ingress (the library API uses the same path). Controllers are enforced here;
//! which methods users may call at all is checked when ingress is accepted (`ingress.rs`).
mod chunks;
pub mod install;
mod lifecycle;
mod raw_rand;
mod status;

use candid::{CandidType, Principal};
use ic_management_canister_types as mgmt;
use serde::de::DeserializeOwned;

use crate::execution::MANAGEMENT_CANISTER;
use crate::state::{Origin, Request};
use crate::subnet::Subnet;
use crate::types::{ErrorCode, RejectResponse};

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

/// Management methods only canisters may call (interface spec: "cannot be called by external
/// users via ingress messages").
pub(crate) const CANISTER_ONLY_METHODS: [&str; 8] = [
    "create_canister",
    "deposit_cycles",
    "raw_rand",
    "canister_info",
    "http_request",
    "ecdsa_public_key",
    "sign_with_ecdsa",
    "canister_metadata",
];

/// Every method the devnet's management canister implements.
pub(crate) const METHODS: [&str; 18] = [
    "create_canister",
    "provisional_create_canister_with_cycles",
    "provisional_top_up_canister",
    "deposit_cycles",
    "update_settings",
    "install_code",
    "install_chunked_code",
    "uninstall_code",
    "upload_chunk",
    "clear_chunk_store",
    "stored_chunks",
    "canister_status",
    "canister_info",
    "start_canister",
    "stop_canister",
    "delete_canister",
    "raw_rand",
    "fetch_canister_logs",
];

pub(crate) fn decode<T: DeserializeOwned + CandidType>(method: &str, arg: &[u8]) -> Result<T, RejectResponse> {
    candid::decode_one(arg).map_err(|e| {
        RejectResponse::error(
            ErrorCode::INVALID_MANAGEMENT_PAYLOAD,
            format!("Error decoding candid arguments of management canister method {method}: {e}"),
        )
    })
}

pub(crate) fn encode<T: CandidType>(value: &T) -> Vec<u8> {
    candid::encode_one(value).expect("management replies encode")
}

pub(crate) fn encode_unit() -> Vec<u8> {
    candid::encode_args(()).expect("() encodes")
}

/// Who made a change, for the canister history (`canister_info`).
pub(crate) fn change_origin(req: &Request, sender_canister_version: Option<u64>) -> mgmt::ChangeOrigin {
    match req.origin {
        Origin::Canister { .. } => mgmt::ChangeOrigin::FromCanister(mgmt::FromCanisterRecord {
            canister_id: req.sender,
            canister_version: sender_canister_version,
        }),
        _ => mgmt::ChangeOrigin::FromUser(mgmt::FromUserRecord { user_id: req.sender }),
    }
}

impl Subnet {
    pub(crate) fn execute_management_request(&mut self, req: Request) {
        let handled = self.handle_management(&req);
        if let Handled::Reply { result, refund } = handled {
            self.respond(MANAGEMENT_CANISTER, &req.origin, result, refund);
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
            "canister_info" => self.mgmt_canister_info(req),
            "start_canister" => self.mgmt_start_canister(req),
            "stop_canister" => return self.mgmt_stop_canister(req),
            "delete_canister" => self.mgmt_delete_canister(req),
            "raw_rand" => self.mgmt_raw_rand(),
            "fetch_canister_logs" => self.mgmt_fetch_canister_logs(req),
            other => Err(RejectResponse::error(
                ErrorCode::CANISTER_METHOD_NOT_FOUND,
                format!("Management canister has no method '{other}'"),
            )),
        };
        Handled::refund_all(req, result)
    }

    /// Ok if the canister exists and `sender` controls it.
    pub(crate) fn controlled_canister(&self, canister_id: &Principal, sender: &Principal) -> Result<(), RejectResponse> {
        let Some(c) = self.canisters.get(canister_id) else {
            return Err(RejectResponse::error(ErrorCode::CANISTER_NOT_FOUND, format!("Canister {canister_id} not found")));
        };
        if !c.is_controller(sender) {
            let controllers: Vec<String> = c.controllers.iter().map(|p| p.to_string()).collect();
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_INVALID_CONTROLLER,
                format!(
                    "Only the controllers of the canister {canister_id} can control it.\nCanister's controllers: {}\nSender's ID: {sender}",
                    controllers.join(" ")
                ),
            ));
        }
        Ok(())
    }

    /// Ok for the canister's controllers and the canister itself (`canister_status`, the chunk store).
    pub(crate) fn controlled_or_self(&self, canister_id: &Principal, sender: &Principal) -> Result<(), RejectResponse> {
        if sender == canister_id && self.canisters.contains_key(canister_id) {
            return Ok(());
        }
        self.controlled_canister(canister_id, sender)
    }
}
