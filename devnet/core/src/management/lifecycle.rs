//! Creating, configuring, funding, starting, stopping and deleting canisters.
use candid::{Nat, Principal};
use ic_management_canister_types as mgmt;

use super::{change_origin, decode, encode, encode_unit, Handled};
use crate::execution::MANAGEMENT_CANISTER;
use crate::state::{Canister, Request};
use crate::subnet::Subnet;
use crate::types::{CanisterRunState, ErrorCode, RejectResponse};

const MAX_CONTROLLERS: usize = 10;

fn nat_u64(n: &Nat, field: &str) -> Result<u64, RejectResponse> {
    n.0.to_string().parse().map_err(|_| invalid_settings(format!("{field} {n} does not fit in 64 bits")))
}

fn nat_u128(n: &Nat, field: &str) -> Result<u128, RejectResponse> {
    n.0.to_string().parse().map_err(|_| invalid_settings(format!("{field} {n} does not fit in 128 bits")))
}

fn invalid_settings(message: String) -> RejectResponse {
    RejectResponse::error(ErrorCode::INVALID_MANAGEMENT_PAYLOAD, format!("Invalid settings: {message}"))
}

impl Subnet {
    /// Applies the given fields of `settings`; fails without changing anything on invalid input.
    /// A change of controllers is recorded in the history with `origin`.
    pub(crate) fn apply_settings(
        &mut self,
        canister_id: &Principal,
        settings: &mgmt::CanisterSettings,
        origin: Option<mgmt::ChangeOrigin>,
    ) -> Result<(), RejectResponse> {
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
        let time = self.clock.now();
        let c = self.canisters.get_mut(canister_id).expect("caller checked");
        c.settings = s;
        if let Some(controllers) = &settings.controllers {
            c.controllers = controllers.clone();
            if let Some(origin) = origin {
                let details = mgmt::ChangeDetails::ControllersChange(mgmt::ControllersChangeRecord { controllers: controllers.clone() });
                c.record_change(time, origin, details);
            }
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
        origin: mgmt::ChangeOrigin,
    ) -> Result<Principal, RejectResponse> {
        let id = match id {
            Some(id) if self.canisters.contains_key(&id) => {
                return Err(RejectResponse::error(
                    ErrorCode::CANISTER_ID_ALREADY_EXISTS,
                    format!("Canister {id} is already installed or exists"),
                ))
            }
            Some(id) => id,
            None => self.allocate_canister_id(),
        };
        self.canisters.insert(id, Canister::new(id, controllers, cycles));
        if let Some(settings) = settings {
            if let Err(e) = self.apply_settings(&id, settings, None) {
                self.canisters.remove(&id);
                return Err(e);
            }
        }
        let time = self.clock.now();
        let c = self.canisters.get_mut(&id).expect("inserted above");
        let details = mgmt::ChangeDetails::Creation(mgmt::CreationRecord {
            controllers: c.controllers.clone(),
            environment_variables_hash: None,
        });
        c.record_change(time, origin, details);
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
                Err(RejectResponse::error(
                    ErrorCode::INSUFFICIENT_CYCLES_FOR_CREATE_CANISTER,
                    format!(
                        "Creating a canister requires a fee of {fee} that is deducted from the canister's initial balance but only {} cycles were received with the create_canister request.",
                        req.cycles
                    ),
                )),
            );
        }
        let origin = change_origin(req, args.sender_canister_version);
        let result = self
            .create_canister_internal(None, vec![req.sender], req.cycles - fee, args.settings.as_ref(), origin)
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
        let origin = change_origin(req, args.sender_canister_version);
        let id = self.create_canister_internal(args.specified_id, vec![req.sender], cycles, args.settings.as_ref(), origin)?;
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
        // The version counts the settings change before the history records it.
        self.canisters.get_mut(&args.canister_id).unwrap().version += 1;
        let origin = change_origin(req, args.sender_canister_version);
        if let Err(e) = self.apply_settings(&args.canister_id, &args.settings, Some(origin)) {
            self.canisters.get_mut(&args.canister_id).unwrap().version -= 1;
            return Err(e);
        }
        Ok(encode_unit())
    }

    pub(super) fn mgmt_start_canister(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("start_canister", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        let c = self.canisters.get_mut(&args.canister_id).unwrap();
        c.run_state = CanisterRunState::Running;
        c.version += 1;
        let waiting = std::mem::take(&mut c.pending_stops);
        for origin in waiting {
            self.respond(
                MANAGEMENT_CANISTER,
                &origin,
                Err(RejectResponse::error(ErrorCode::CANISTER_STOPPING_CANCELLED, "Canister was started before it stopped")),
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
        if c.run_state == CanisterRunState::Running {
            c.version += 1;
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
        c.version += 1;
        let waiting = std::mem::take(&mut c.pending_stops);
        for origin in waiting {
            self.respond(MANAGEMENT_CANISTER, &origin, Ok(encode_unit()), 0);
        }
    }

    pub(super) fn mgmt_delete_canister(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::CanisterIdRecord = decode("delete_canister", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        if self.canisters[&args.canister_id].run_state != CanisterRunState::Stopped {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_NOT_STOPPED,
                format!("Canister {} must be stopped before it is deleted.", args.canister_id),
            ));
        }
        self.canisters.remove(&args.canister_id);
        Ok(encode_unit())
    }

    pub(crate) fn existing_mut(&mut self, canister_id: &Principal) -> Result<&mut Canister, RejectResponse> {
        self.canisters
            .get_mut(canister_id)
            .ok_or_else(|| RejectResponse::error(ErrorCode::CANISTER_NOT_FOUND, format!("Canister {canister_id} not found")))
    }
}
