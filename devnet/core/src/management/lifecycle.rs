//! Creating, configuring, funding, inspecting, stopping and deleting canisters.
use candid::{Nat, Principal};
use ic_management_canister_types as mgmt;
use sha2::{Digest, Sha256};

use super::{decode, encode, encode_unit, Handled};
use crate::state::{Canister, Request};
use crate::subnet::Subnet;
use crate::types::{CanisterRunState, CanisterStatus, ErrorCode, RejectCode, RejectResponse};

const MAX_CONTROLLERS: usize = 10;

fn nat_u64(n: &Nat, field: &str) -> Result<u64, RejectResponse> {
    n.0.to_string().parse().map_err(|_| invalid_settings(format!("{field} {n} does not fit in 64 bits")))
}

fn nat_u128(n: &Nat, field: &str) -> Result<u128, RejectResponse> {
    n.0.to_string().parse().map_err(|_| invalid_settings(format!("{field} {n} does not fit in 128 bits")))
}

fn invalid_settings(message: String) -> RejectResponse {
    RejectResponse::canister_error(format!("Invalid settings: {message}"), ErrorCode::INVALID_MANAGEMENT_PAYLOAD)
}

impl Subnet {
    /// Applies the given fields of `settings`; fails without changing anything on invalid input.
    pub(crate) fn apply_settings(&mut self, canister_id: &Principal, settings: &mgmt::CanisterSettings) -> Result<(), RejectResponse> {
        let mut s = self.canisters[canister_id].settings.clone();
        if let Some(controllers) = &settings.controllers {
            if controllers.len() > MAX_CONTROLLERS {
                return Err(invalid_settings(format!("at most {MAX_CONTROLLERS} controllers are allowed")));
            }
        }
        if let Some(v) = &settings.compute_allocation {
            s.compute_allocation = nat_u64(v, "compute_allocation")?;
            if s.compute_allocation > 100 {
                return Err(invalid_settings("compute_allocation must be at most 100".into()));
            }
        }
        if let Some(v) = &settings.memory_allocation {
            s.memory_allocation = nat_u64(v, "memory_allocation")?;
        }
        if let Some(v) = &settings.freezing_threshold {
            s.freezing_threshold = nat_u64(v, "freezing_threshold")?;
        }
        if let Some(v) = &settings.reserved_cycles_limit {
            s.reserved_cycles_limit = nat_u128(v, "reserved_cycles_limit")?;
        }
        if let Some(v) = &settings.wasm_memory_limit {
            s.wasm_memory_limit = nat_u64(v, "wasm_memory_limit")?;
        }
        if let Some(v) = &settings.wasm_memory_threshold {
            s.wasm_memory_threshold = nat_u64(v, "wasm_memory_threshold")?;
        }
        if let Some(v) = &settings.log_memory_limit {
            s.log_memory_limit = nat_u64(v, "log_memory_limit")?;
        }
        if let Some(v) = &settings.log_visibility {
            match v {
                mgmt::LogVisibility::Controllers => (s.logs_public, s.log_viewers) = (false, vec![]),
                mgmt::LogVisibility::Public => (s.logs_public, s.log_viewers) = (true, vec![]),
                mgmt::LogVisibility::AllowedViewers(v) => (s.logs_public, s.log_viewers) = (false, v.clone()),
            }
        }
        let c = self.canisters.get_mut(canister_id).expect("caller checked");
        c.settings = s;
        if let Some(controllers) = &settings.controllers {
            c.controllers = controllers.clone();
        }
        Ok(())
    }

    /// Creates a canister with `cycles`; `id` picks a specific id (provisional creation).
    pub(crate) fn create_canister_internal(
        &mut self,
        id: Option<Principal>,
        controllers: Vec<Principal>,
        cycles: u128,
        settings: Option<&mgmt::CanisterSettings>,
    ) -> Result<Principal, RejectResponse> {
        let id = match id {
            Some(id) if self.canisters.contains_key(&id) => {
                return Err(RejectResponse::canister_error(
                    format!("Canister {id} is already installed or exists"),
                    ErrorCode::CANISTER_ID_ALREADY_EXISTS,
                ))
            }
            Some(id) => id,
            None => self.allocate_canister_id(),
        };
        self.canisters.insert(id, Canister::new(id, controllers, cycles));
        if let Some(settings) = settings {
            if let Err(e) = self.apply_settings(&id, settings) {
                self.canisters.remove(&id);
                return Err(e);
            }
        }
        Ok(id)
    }

    pub(super) fn mgmt_create_canister(&mut self, req: &Request) -> Handled {
        let args: mgmt::CreateCanisterArgs = match decode("create_canister", &req.arg) {
            Ok(a) => a,
            Err(e) => return Handled::refund_all(req, Err(e)),
        };
        let fee = self.config.fees.canister_creation;
        if req.cycles < fee {
            return Handled::refund_all(
                req,
                Err(RejectResponse::canister_error(
                    format!("Creating a canister requires a fee of {fee} cycles, but only {} cycles were attached", req.cycles),
                    ErrorCode::INSUFFICIENT_CYCLES_IN_CALL,
                )),
            );
        }
        let result = self
            .create_canister_internal(None, vec![req.sender], req.cycles - fee, args.settings.as_ref())
            .map(|canister_id| encode(&mgmt::CanisterIdRecord { canister_id }));
        let refund = if result.is_ok() { 0 } else { req.cycles };
        Handled::Reply { result, refund }
    }

    pub(super) fn mgmt_provisional_create(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::ProvisionalCreateCanisterWithCyclesArgs = decode("provisional_create_canister_with_cycles", &req.arg)?;
        let cycles = match &args.amount {
            Some(a) => nat_u128(a, "amount")?,
            None => self.config.default_cycles,
        };
        let id = self.create_canister_internal(args.specified_id, vec![req.sender], cycles, args.settings.as_ref())?;
        Ok(encode(&mgmt::CanisterIdRecord { canister_id: id }))
    }

    pub(super) fn mgmt_top_up(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::ProvisionalTopUpCanisterArgs = decode("provisional_top_up_canister", &req.arg)?;
        let amount = nat_u128(&args.amount, "amount")?;
        let c = self.existing_mut(&args.canister_id)?;
        c.cycles = c.cycles.saturating_add(amount);
        Ok(encode_unit())
    }

    pub(super) fn mgmt_deposit_cycles(&mut self, req: &Request) -> Handled {
        let result = decode::<mgmt::CanisterIdRecord>("deposit_cycles", &req.arg).and_then(|args| {
            let c = self.existing_mut(&args.canister_id)?;
            c.cycles = c.cycles.saturating_add(req.cycles);
            Ok(encode_unit())
        });
        let refund = if result.is_ok() { 0 } else { req.cycles };
        Handled::Reply { result, refund }
    }

    pub(super) fn mgmt_update_settings(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::UpdateSettingsArgs = decode("update_settings", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        self.apply_settings(&args.canister_id, &args.settings)?;
        self.canisters.get_mut(&args.canister_id).unwrap().version += 1;
        Ok(encode_unit())
    }

    pub(super) fn mgmt_canister_status(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("canister_status", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        Ok(encode(&self.status_record(&args.canister_id)))
    }

    pub fn canister_status_of(&self, canister_id: &Principal) -> Option<CanisterStatus> {
        let c = self.canisters.get(canister_id)?;
        Some(CanisterStatus {
            status: c.run_state,
            module_hash: c.module_hash(),
            controllers: c.controllers.clone(),
            cycles: c.cycles,
            memory_size: c.memory_size(),
            freezing_threshold: c.settings.freezing_threshold,
            compute_allocation: c.settings.compute_allocation,
            memory_allocation: c.settings.memory_allocation,
            wasm_memory_limit: c.settings.wasm_memory_limit,
            reserved_cycles_limit: c.settings.reserved_cycles_limit,
            version: c.version,
        })
    }

    fn status_record(&self, canister_id: &Principal) -> mgmt::CanisterStatusResult {
        let c = &self.canisters[canister_id];
        let (heap, stable, binary) = c
            .code
            .as_ref()
            .map(|code| (code.instance.heap_size(), code.instance.stable().size_bytes(), code.wasm.len() as u64))
            .unwrap_or((0, 0, 0));
        let chunks: u64 = c.chunk_store.values().map(|v| v.len() as u64).sum();
        let s = &c.settings;
        mgmt::CanisterStatusResult {
            status: match c.run_state {
                CanisterRunState::Running => mgmt::CanisterStatusType::Running,
                CanisterRunState::Stopping => mgmt::CanisterStatusType::Stopping,
                CanisterRunState::Stopped => mgmt::CanisterStatusType::Stopped,
            },
            ready_for_migration: false,
            version: c.version,
            settings: mgmt::DefiniteCanisterSettings {
                controllers: c.controllers.clone(),
                compute_allocation: s.compute_allocation.into(),
                memory_allocation: s.memory_allocation.into(),
                freezing_threshold: s.freezing_threshold.into(),
                reserved_cycles_limit: s.reserved_cycles_limit.into(),
                log_visibility: if s.logs_public {
                    mgmt::LogVisibility::Public
                } else if !s.log_viewers.is_empty() {
                    mgmt::LogVisibility::AllowedViewers(s.log_viewers.clone())
                } else {
                    mgmt::LogVisibility::Controllers
                },
                log_memory_limit: s.log_memory_limit.into(),
                wasm_memory_limit: s.wasm_memory_limit.into(),
                wasm_memory_threshold: s.wasm_memory_threshold.into(),
                environment_variables: vec![],
            },
            module_hash: c.module_hash().map(|h| h.to_vec()),
            memory_size: c.memory_size().into(),
            memory_metrics: mgmt::MemoryMetrics {
                wasm_memory_size: heap.into(),
                stable_memory_size: stable.into(),
                global_memory_size: 0u64.into(),
                wasm_binary_size: binary.into(),
                custom_sections_size: 0u64.into(),
                canister_history_size: 0u64.into(),
                wasm_chunk_store_size: chunks.into(),
                snapshots_size: 0u64.into(),
                log_memory_store_size: 0u64.into(),
            },
            cycles: c.cycles.into(),
            reserved_cycles: 0u64.into(),
            idle_cycles_burned_per_day: 0u64.into(),
            query_stats: mgmt::QueryStats {
                num_calls_total: 0u64.into(),
                num_instructions_total: 0u64.into(),
                request_payload_bytes_total: 0u64.into(),
                response_payload_bytes_total: 0u64.into(),
            },
        }
    }

    pub(super) fn mgmt_start_canister(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("start_canister", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        let c = self.canisters.get_mut(&args.canister_id).unwrap();
        c.run_state = CanisterRunState::Running;
        let waiting = std::mem::take(&mut c.pending_stops);
        for origin in waiting {
            self.respond(
                &origin,
                Err(RejectResponse::canister_error("Canister was started before it stopped", ErrorCode::CANISTER_STOPPING)),
                0,
            );
        }
        Ok(encode_unit())
    }

    pub(super) fn mgmt_stop_canister(&mut self, req: &Request) -> Handled {
        let args = match decode::<mgmt::CanisterIdRecord>("stop_canister", &req.arg)
            .and_then(|a| self.controlled_canister(&a.canister_id, &req.sender).map(|_| a))
        {
            Ok(a) => a,
            Err(e) => return Handled::refund_all(req, Err(e)),
        };
        let c = self.canisters.get_mut(&args.canister_id).unwrap();
        if c.run_state == CanisterRunState::Stopped {
            return Handled::refund_all(req, Ok(encode_unit()));
        }
        c.run_state = CanisterRunState::Stopping;
        c.pending_stops.push(req.origin.clone());
        self.complete_stop_if_idle(&args.canister_id);
        Handled::Deferred
    }

    /// A stopping canister with no open call contexts becomes stopped; waiting stop calls succeed.
    pub(crate) fn complete_stop_if_idle(&mut self, canister_id: &Principal) {
        let Some(c) = self.canisters.get_mut(canister_id) else { return };
        if c.run_state != CanisterRunState::Stopping || c.open_call_contexts > 0 {
            return;
        }
        c.run_state = CanisterRunState::Stopped;
        let waiting = std::mem::take(&mut c.pending_stops);
        for origin in waiting {
            self.respond(&origin, Ok(encode_unit()), 0);
        }
    }

    pub(super) fn mgmt_delete_canister(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("delete_canister", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        if self.canisters[&args.canister_id].run_state != CanisterRunState::Stopped {
            return Err(RejectResponse::canister_error(
                format!("Canister {} must be stopped before it is deleted.", args.canister_id),
                ErrorCode::CANISTER_NOT_STOPPED,
            ));
        }
        self.canisters.remove(&args.canister_id);
        Ok(encode_unit())
    }

    pub(super) fn mgmt_raw_rand(&mut self) -> Result<Vec<u8>, RejectResponse> {
        self.raw_rand_counter += 1;
        let bytes: [u8; 32] = Sha256::new()
            .chain_update(b"devnet-raw-rand")
            .chain_update(self.certifier.root_key_der())
            .chain_update(self.raw_rand_counter.to_be_bytes())
            .finalize()
            .into();
        Ok(candid::encode_one(serde_bytes::ByteBuf::from(bytes.to_vec())).unwrap())
    }

    pub(super) fn mgmt_fetch_canister_logs(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::FetchCanisterLogsArgs = decode("fetch_canister_logs", &req.arg)?;
        let c = self.existing_mut(&args.canister_id)?;
        let allowed = c.settings.logs_public || c.is_controller(&req.sender) || c.settings.log_viewers.contains(&req.sender);
        if !allowed {
            return Err(RejectResponse::new(
                RejectCode::CanisterReject,
                format!("Caller {} is not allowed to read the logs of canister {}", req.sender, args.canister_id),
                Some(ErrorCode::CANISTER_REJECTED_MESSAGE),
            ));
        }
        let records = c
            .logs
            .iter()
            .map(|l| mgmt::CanisterLogRecord { idx: l.idx, timestamp_nanos: l.timestamp_nanos, content: l.content.clone() })
            .collect();
        Ok(encode(&mgmt::FetchCanisterLogsResult { canister_log_records: records }))
    }

    pub(crate) fn existing_mut(&mut self, canister_id: &Principal) -> Result<&mut Canister, RejectResponse> {
        self.canisters.get_mut(canister_id).ok_or_else(|| {
            RejectResponse::destination_invalid(format!("Canister {canister_id} not found"), ErrorCode::CANISTER_NOT_FOUND)
        })
    }
}
