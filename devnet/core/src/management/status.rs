//! What the management canister reports about a canister: `canister_status` (its controllers and
//! itself), `canister_info` (any canister, with the history) and `fetch_canister_logs`.
use candid::Principal;
use ic_management_canister_types as mgmt;

use super::{decode, encode};
use crate::state::Request;
use crate::subnet::Subnet;
use crate::types::{CanisterRunState, CanisterStatus, ErrorCode, RejectResponse};

impl Subnet {
    pub(super) fn mgmt_canister_status(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("canister_status", &req.arg)?;
        self.controlled_or_self(&args.canister_id, &req.sender)?;
        Ok(encode(&self.status_record(&args.canister_id)))
    }

    /// Interface spec, "IC method canister_info": the history, module hash and controllers.
    pub(super) fn mgmt_canister_info(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterInfoArgs = decode("canister_info", &req.arg)?;
        let c = self.existing_mut(&args.canister_id)?;
        let wanted = args.num_requested_changes.unwrap_or(0) as usize;
        let skip = c.history.len().saturating_sub(wanted);
        Ok(encode(&mgmt::CanisterInfoResult {
            total_num_changes: c.total_num_changes,
            recent_changes: c.history.iter().skip(skip).cloned().collect(),
            module_hash: c.module_hash().map(|h| h.to_vec()),
            controllers: c.controllers.clone(),
        }))
    }

    pub(super) fn mgmt_fetch_canister_logs(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::FetchCanisterLogsArgs = decode("fetch_canister_logs", &req.arg)?;
        let c = self.existing_mut(&args.canister_id)?;
        let allowed = c.settings.logs_public || c.is_controller(&req.sender) || c.settings.log_viewers.contains(&req.sender);
        if !allowed {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_REJECTED_MESSAGE,
                format!("Caller {} is not allowed to read the logs of canister {}", req.sender, args.canister_id),
            ));
        }
        let records = c
            .logs
            .iter()
            .map(|l| mgmt::CanisterLogRecord { idx: l.idx, timestamp_nanos: l.timestamp_nanos, content: l.content.clone() })
            .collect();
        Ok(encode(&mgmt::FetchCanisterLogsResult { canister_log_records: records }))
    }

    /// Cycles burned per day at rest (storage and compute allocation).
    pub(crate) fn idle_burn_per_day(&self, canister_id: &Principal) -> u128 {
        let c = &self.canisters[canister_id];
        self.config.fees.idle_burn_per_day(c.charged_memory_bytes(), c.settings.compute_allocation)
    }

    pub(crate) fn canister_status_of(&self, canister_id: &Principal) -> Option<CanisterStatus> {
        let c = self.canisters.get(canister_id)?;
        Some(CanisterStatus {
            status: c.run_state,
            module_hash: c.module_hash(),
            controllers: c.controllers.clone(),
            cycles: c.cycles,
            memory_size: c.memory_usage(),
            freezing_threshold: c.settings.freezing_threshold,
            compute_allocation: c.settings.compute_allocation,
            memory_allocation: c.settings.memory_allocation,
            wasm_memory_limit: c.settings.wasm_memory_limit,
            reserved_cycles_limit: c.settings.reserved_cycles_limit,
            version: c.version,
            idle_cycles_burned_per_day: self.idle_burn_per_day(canister_id),
        })
    }

    fn status_record(&self, canister_id: &Principal) -> mgmt::CanisterStatusResult {
        let c = &self.canisters[canister_id];
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
            memory_size: c.memory_usage().into(),
            memory_metrics: mgmt::MemoryMetrics {
                wasm_memory_size: c.wasm_memory_bytes().into(),
                stable_memory_size: c.stable_memory_bytes().into(),
                global_memory_size: 0u64.into(),
                wasm_binary_size: c.wasm_binary_bytes().into(),
                custom_sections_size: c.custom_sections_bytes().into(),
                canister_history_size: c.history_bytes().into(),
                wasm_chunk_store_size: c.chunk_store_bytes().into(),
                snapshots_size: 0u64.into(),
                log_memory_store_size: 0u64.into(),
            },
            cycles: c.cycles.into(),
            // Devnet's subnet never nears its storage capacity, so nothing is reserved (as on a
            // mainnet subnet below 750 GiB).
            reserved_cycles: 0u64.into(),
            idle_cycles_burned_per_day: self.idle_burn_per_day(canister_id).into(),
            query_stats: mgmt::QueryStats {
                num_calls_total: 0u64.into(),
                num_instructions_total: 0u64.into(),
                request_payload_bytes_total: 0u64.into(),
                response_payload_bytes_total: 0u64.into(),
            },
        }
    }
}
