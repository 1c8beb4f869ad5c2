//! Accepting ingress messages (interface spec, "API Request submission"). A message is refused
//! at once, without entering the state (a `non_replicated_rejection` over HTTP), when it is too
//! large, its canister is missing, empty, not running or frozen, `canister_inspect_message`
//! refuses it, or it calls a management method users may not call or a canister the sender does
//! not control. An accepted message's induction is charged to its canister.
use candid::Principal;
use ic_management_canister_types as mgmt;
use sha2::{Digest, Sha256};

use crate::execution::MANAGEMENT_CANISTER;
use crate::management::{decode, CANISTER_ONLY_METHODS, METHODS};
use crate::state::{IngressRecord, Message, Origin, Request};
use crate::subnet::Subnet;
use crate::types::{CanisterRunState, ErrorCode, IngressStatus, MessageId, RejectCode, RejectResponse};

/// Management methods a user may call on a canister they control (the canister pays induction).
const CONTROLLER_METHODS: [&str; 11] = [
    "install_code",
    "install_chunked_code",
    "update_settings",
    "upload_chunk",
    "stored_chunks",
    "clear_chunk_store",
    "start_canister",
    "stop_canister",
    "uninstall_code",
    "delete_canister",
    "canister_status",
];

/// The canister a management method acts on (its "effective canister id").
fn effective_canister(method: &str, arg: &[u8]) -> Result<Principal, RejectResponse> {
    match method {
        "install_chunked_code" => Ok(decode::<mgmt::InstallChunkedCodeArgs>(method, arg)?.target_canister),
        "install_code" => Ok(decode::<mgmt::InstallCodeArgs>(method, arg)?.canister_id),
        "update_settings" => Ok(decode::<mgmt::UpdateSettingsArgs>(method, arg)?.canister_id),
        "upload_chunk" => Ok(decode::<mgmt::UploadChunkArgs>(method, arg)?.canister_id),
        "uninstall_code" => Ok(decode::<mgmt::UninstallCodeArgs>(method, arg)?.canister_id),
        _ => Ok(decode::<mgmt::CanisterIdRecord>(method, arg)?.canister_id),
    }
}

impl Subnet {
    /// Accepts an ingress message and queues it, or refuses it (see the module doc).
    pub(crate) fn submit_ingress(
        &mut self,
        id: Option<MessageId>,
        receiver: Principal,
        sender: Principal,
        method: &str,
        arg: Vec<u8>,
    ) -> Result<MessageId, RejectResponse> {
        let id = id.unwrap_or_else(|| {
            let n = self.fresh_id();
            MessageId(Sha256::new().chain_update(b"devnet-ingress").chain_update(n.to_be_bytes()).finalize().into())
        });
        if self.ingress.contains_key(&id) {
            return Ok(id);
        }
        let size = method.len() + arg.len();
        if size > self.config.max_ingress_bytes {
            return Err(RejectResponse::new(
                RejectCode::SysFatal,
                format!("Ingress message of {size} bytes exceeds the limit of {} bytes", self.config.max_ingress_bytes),
                None,
            ));
        }
        let payer = if receiver == MANAGEMENT_CANISTER {
            self.accept_management_ingress(sender, method, &arg)?
        } else {
            self.accept_canister_ingress(receiver, sender, method, &arg)?;
            Some(receiver)
        };
        if let Some(payer) = payer {
            let cost = self.config.fees.ingress_induction(method.len(), arg.len());
            self.check_can_pay(&payer, cost)?;
            let c = self.canisters.get_mut(&payer).expect("checked: exists");
            c.cycles -= cost;
        }
        let time_nanos = self.clock.now();
        self.ingress.insert(id, IngressRecord { receiver, status: IngressStatus::Received, instructions: None, time_nanos });
        self.queue.push_back(Message::Request(Request {
            sender,
            receiver,
            method: method.to_string(),
            arg,
            cycles: 0,
            origin: Origin::Ingress(id),
            deadline: 0,
        }));
        Ok(id)
    }

    fn accept_canister_ingress(&mut self, receiver: Principal, sender: Principal, method: &str, arg: &[u8]) -> Result<(), RejectResponse> {
        let Some(canister) = self.canisters.get(&receiver) else {
            return Err(RejectResponse::error(ErrorCode::CANISTER_NOT_FOUND, format!("Canister {receiver} not found")));
        };
        if canister.code.is_none() {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_WASM_MODULE_NOT_FOUND,
                format!("Canister {receiver} has no Wasm module installed"),
            ));
        }
        match canister.run_state {
            CanisterRunState::Running => {}
            CanisterRunState::Stopping => {
                return Err(RejectResponse::error(ErrorCode::CANISTER_STOPPING, format!("Canister {receiver} is stopping")))
            }
            CanisterRunState::Stopped => {
                return Err(RejectResponse::error(ErrorCode::CANISTER_STOPPED, format!("Canister {receiver} is stopped")))
            }
        }
        if canister.cycles < self.freezing_limit(canister) {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_OUT_OF_CYCLES,
                format!("Canister {receiver} is out of cycles: it is frozen (its balance is below its freezing limit)"),
            ));
        }
        self.inspect_message(receiver, sender, method, arg)
    }

    /// Checks a user's management call; returns the canister that pays for it (None: free).
    fn accept_management_ingress(&mut self, sender: Principal, method: &str, arg: &[u8]) -> Result<Option<Principal>, RejectResponse> {
        if CANISTER_ONLY_METHODS.contains(&method) {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_REJECTED_MESSAGE,
                format!("Only canisters can call ic00 method {method}"),
            ));
        }
        if !METHODS.contains(&method) {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_METHOD_NOT_FOUND,
                format!("Management canister has no method '{method}'"),
            ));
        }
        if !CONTROLLER_METHODS.contains(&method) {
            // Provisional methods (free on a development instance) and fetch_canister_logs.
            return Ok(None);
        }
        let canister = effective_canister(method, arg)?;
        self.controlled_canister(&canister, &sender)?;
        Ok(Some(canister))
    }
}
