//! install_code (install / reinstall / upgrade) and uninstall_code. Installing is atomic: a trap in
//! `canister_init`, `canister_pre_upgrade` or `canister_post_upgrade`, or a result that would
//! freeze the canister, leaves the old code and state. Open call contexts and callbacks survive
//! reinstall and upgrade (a response then runs its callback on the new code); only uninstall
//! rejects the callers and drops the callbacks (interface spec, "IC method install_code").
use candid::Principal;
use ic_management_canister_types as mgmt;
use sha2::{Digest, Sha256};
use std::sync::Arc;

use super::{change_origin, decode, encode_unit};
use crate::runtime::{compile_module, CanisterInstance, CompiledModule, Entry, EntryKind, ExecOutcome, ExecResult, StableMemory};
use crate::state::{InstalledCode, Origin, Request};
use crate::subnet::Subnet;
use crate::types::{ErrorCode, RejectResponse};
use crate::wasm::decompress_if_gzipped;

/// The install modes, without the candid wrapper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstallMode {
    Install,
    Reinstall,
    Upgrade { skip_pre_upgrade: bool },
}

impl From<&mgmt::CanisterInstallMode> for InstallMode {
    fn from(m: &mgmt::CanisterInstallMode) -> Self {
        match m {
            mgmt::CanisterInstallMode::Install => InstallMode::Install,
            mgmt::CanisterInstallMode::Reinstall => InstallMode::Reinstall,
            mgmt::CanisterInstallMode::Upgrade(flags) => InstallMode::Upgrade {
                skip_pre_upgrade: flags.and_then(|f| f.skip_pre_upgrade).unwrap_or(false),
            },
        }
    }
}

impl InstallMode {
    fn history_mode(self) -> mgmt::CodeDeploymentMode {
        match self {
            InstallMode::Install => mgmt::CodeDeploymentMode::Install,
            InstallMode::Reinstall => mgmt::CodeDeploymentMode::Reinstall,
            InstallMode::Upgrade { .. } => mgmt::CodeDeploymentMode::Upgrade,
        }
    }
}

fn invalid_wasm(canister_id: &Principal, e: String) -> RejectResponse {
    RejectResponse::error(
        ErrorCode::CANISTER_INVALID_WASM,
        format!("Error from Canister {canister_id}: Canister's Wasm module is not valid: {e}"),
    )
}

fn trap_reject(canister_id: &Principal, phase: &str, outcome: ExecOutcome) -> Result<(), RejectResponse> {
    match outcome {
        ExecOutcome::Ok => Ok(()),
        ExecOutcome::Trap { message, error_code } => {
            Err(RejectResponse::error(error_code, format!("Error from Canister {canister_id}: {message} (in {phase})")))
        }
    }
}

/// What an install's hooks did: instructions used, cycles burned, effects to commit.
struct Hooks {
    instructions: u64,
    last: Option<ExecResult>,
}

impl Subnet {
    pub(super) fn mgmt_install_code(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::InstallCodeArgs = decode("install_code", &req.arg)?;
        let origin = change_origin(req, args.sender_canister_version);
        self.install_code(req.sender, args.canister_id, (&args.mode).into(), args.wasm_module, args.arg, origin)?;
        Ok(encode_unit())
    }

    pub(super) fn mgmt_uninstall_code(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::UninstallCodeArgs = decode("uninstall_code", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        self.uninstall(&args.canister_id);
        let time = self.clock.now();
        let c = self.canisters.get_mut(&args.canister_id).expect("checked above");
        c.record_change(time, change_origin(req, args.sender_canister_version), mgmt::ChangeDetails::CodeUninstall);
        Ok(encode_unit())
    }

    /// Empties the canister: code, memories, certified data, timer, chunk store and logs go; its
    /// callers get a reject and its callbacks will not run.
    pub(crate) fn uninstall(&mut self, canister_id: &Principal) {
        let Some(c) = self.canisters.get_mut(canister_id) else { return };
        c.code = None;
        c.certified_data.clear();
        c.global_timer = 0;
        c.chunk_store.clear();
        c.logs.clear();
        c.epoch += 1;
        c.version += 1;
        self.reject_open_contexts(canister_id, "Canister has been uninstalled.");
    }

    /// Installs, reinstalls or upgrades `wasm` (raw or gzipped) on a canister `sender` controls.
    pub(crate) fn install_code(
        &mut self,
        sender: Principal,
        canister_id: Principal,
        mode: InstallMode,
        wasm: Vec<u8>,
        arg: Vec<u8>,
        origin: mgmt::ChangeOrigin,
    ) -> Result<(), RejectResponse> {
        self.controlled_canister(&canister_id, &sender)?;
        let raw = decompress_if_gzipped(&wasm).map_err(|e| invalid_wasm(&canister_id, e))?;
        let module = compile_module(&raw).map_err(|e| invalid_wasm(&canister_id, e))?;
        let module_hash: [u8; 32] = Sha256::digest(&wasm).into();
        let has_code = self.canisters[&canister_id].code.is_some();
        match mode {
            InstallMode::Install if has_code => {
                return Err(RejectResponse::error(
                    ErrorCode::CANISTER_ALREADY_INSTALLED,
                    format!(
                        "Canister {canister_id} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead."
                    ),
                ))
            }
            InstallMode::Upgrade { .. } if !has_code => {
                return Err(RejectResponse::error(
                    ErrorCode::CANISTER_WASM_MODULE_NOT_FOUND,
                    format!("Canister {canister_id} has no Wasm module to upgrade"),
                ))
            }
            _ => {}
        }
        // The install message is prepaid for its instruction limit, like any execution.
        let prepay = self.config.fees.execution(self.config.install_instruction_limit);
        self.check_can_pay(&canister_id, prepay)?;
        let wasm = Arc::new(wasm);
        let installed = match mode {
            InstallMode::Upgrade { skip_pre_upgrade } => {
                self.upgrade(sender, canister_id, module, wasm, module_hash, arg, skip_pre_upgrade, prepay)
            }
            _ => self.install_fresh(sender, canister_id, module, wasm, module_hash, arg, prepay),
        }?;
        let time = self.clock.now();
        let c = self.canisters.get_mut(&canister_id).expect("exists");
        let details = mgmt::ChangeDetails::CodeDeployment(mgmt::CodeDeploymentRecord {
            mode: mode.history_mode(),
            module_hash: installed.to_vec(),
        });
        c.record_change(time, origin, details);
        Ok(())
    }

    /// Runs a lifecycle hook on an instance that is not (or no longer) the canister's live code.
    #[allow(clippy::too_many_arguments)]
    fn run_hook(
        &mut self,
        canister_id: &Principal,
        instance: &mut CanisterInstance,
        kind: EntryKind,
        export: &str,
        caller: Principal,
        arg: Vec<u8>,
        global_timer: u64,
        balance: u128,
    ) -> ExecResult {
        let mut ctx = self.base_context(canister_id, kind);
        ctx.caller = caller;
        ctx.arg = arg;
        ctx.global_timer = global_timer;
        ctx.balance = balance;
        let wasm_memory_limit = self.canisters[canister_id].settings.wasm_memory_limit;
        instance.run(&Entry::Export(export.to_string()), ctx, true, wasm_memory_limit)
    }

    /// Charges the hooks' instructions (and commits what they burned, if the install succeeded).
    fn settle_install(&mut self, canister_id: &Principal, hooks: &Hooks, prepay: u128, committed_balance: Option<u128>) {
        let cost = self.config.fees.execution(hooks.instructions);
        let c = self.canisters.get_mut(canister_id).expect("exists");
        if let Some(balance) = committed_balance {
            c.cycles = balance + prepay;
        }
        c.cycles = c.cycles.saturating_sub(cost);
    }

    /// Fails if the canister, with `memory` bytes, would be below its freezing limit after the
    /// install (interface spec: install_code "traps if the canister's cycle balance decreases below
    /// the canister's freezing limit").
    fn check_not_frozen_after(&self, canister_id: &Principal, memory: u64, balance_after: u128) -> Result<(), RejectResponse> {
        let c = &self.canisters[canister_id];
        let memory = if c.settings.memory_allocation > 0 { c.settings.memory_allocation } else { memory };
        let limit = self.config.fees.freezing_limit(memory, c.settings.compute_allocation, c.settings.freezing_threshold);
        if balance_after < limit {
            return Err(RejectResponse::error(
                ErrorCode::CANISTER_OUT_OF_CYCLES,
                format!(
                    "Canister {canister_id} is out of cycles: please top up the canister with at least {} additional cycles",
                    limit - balance_after
                ),
            ));
        }
        Ok(())
    }

    /// Memory the canister would use with `instance` and `wasm` installed.
    fn memory_with(&self, canister_id: &Principal, instance: &CanisterInstance, wasm: &[u8]) -> u64 {
        let c = &self.canisters[canister_id];
        instance.heap_size()
            + instance.stable().size_bytes()
            + wasm.len() as u64
            + instance.module().metadata.size_bytes()
            + c.chunk_store_bytes()
            + c.history_bytes()
    }

    /// Makes a successful hook's effects the canister's state.
    fn commit_code(&mut self, canister_id: &Principal, code: InstalledCode, hook: Option<ExecResult>, reset_certified_data: bool) {
        let time = self.clock.now();
        let c = self.canisters.get_mut(canister_id).expect("exists");
        c.code = Some(code);
        c.version += 1;
        if reset_certified_data {
            c.certified_data.clear();
        }
        c.global_timer = 0;
        if let Some(mut result) = hook {
            if let Some(data) = result.ctx.certified_data.take() {
                c.certified_data = data;
            }
            c.global_timer = result.ctx.global_timer;
            let logs = std::mem::take(&mut result.ctx.logs);
            c.push_logs(time, logs);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn install_fresh(
        &mut self,
        sender: Principal,
        canister_id: Principal,
        module: Arc<CompiledModule>,
        wasm: Arc<Vec<u8>>,
        module_hash: [u8; 32],
        arg: Vec<u8>,
        prepay: u128,
    ) -> Result<[u8; 32], RejectResponse> {
        let mut instance = CanisterInstance::new(module, StableMemory::default()).map_err(|e| invalid_wasm(&canister_id, e))?;
        let balance = self.canisters[&canister_id].cycles - prepay;
        let mut hooks = Hooks { instructions: 0, last: None };
        if instance.module().exports_function("canister_init") {
            let result = self.run_hook(&canister_id, &mut instance, EntryKind::Init, "canister_init", sender, arg, 0, balance);
            hooks.instructions += result.instructions;
            let outcome = result.outcome.clone();
            hooks.last = Some(result);
            if let Err(e) = trap_reject(&canister_id, "canister_init", outcome) {
                self.settle_install(&canister_id, &hooks, prepay, None);
                return Err(e);
            }
        }
        let balance_after = hooks.last.as_ref().map(|r| r.ctx.balance).unwrap_or(balance);
        let memory = self.memory_with(&canister_id, &instance, &wasm);
        let cost = self.config.fees.execution(hooks.instructions);
        if let Err(e) = self.check_not_frozen_after(&canister_id, memory, (balance_after + prepay).saturating_sub(cost)) {
            self.settle_install(&canister_id, &hooks, prepay, None);
            return Err(e);
        }
        self.settle_install(&canister_id, &hooks, prepay, Some(balance_after));
        let hook = hooks.last.take();
        self.commit_code(&canister_id, InstalledCode { wasm, module_hash, instance }, hook, true);
        Ok(module_hash)
    }

    #[allow(clippy::too_many_arguments)]
    fn upgrade(
        &mut self,
        sender: Principal,
        canister_id: Principal,
        module: Arc<CompiledModule>,
        wasm: Arc<Vec<u8>>,
        module_hash: [u8; 32],
        arg: Vec<u8>,
        skip_pre_upgrade: bool,
        prepay: u128,
    ) -> Result<[u8; 32], RejectResponse> {
        let mut old = self.canisters.get_mut(&canister_id).unwrap().code.take().expect("checked: has code");
        // Kept until the upgrade succeeds: pre_upgrade commits into the old instance.
        let heap_backup = old.instance.heap_bytes().to_vec();
        let globals_backup = old.instance.global_values();
        let stable_backup = old.instance.stable().clone();
        let timer = self.canisters[&canister_id].global_timer;
        let mut balance = self.canisters[&canister_id].cycles - prepay;
        let mut hooks = Hooks { instructions: 0, last: None };

        let outcome = (|| {
            if !skip_pre_upgrade && old.instance.module().exports_function("canister_pre_upgrade") {
                let result =
                    self.run_hook(&canister_id, &mut old.instance, EntryKind::PreUpgrade, "canister_pre_upgrade", sender, vec![], timer, balance);
                hooks.instructions += result.instructions;
                balance = result.ctx.balance;
                trap_reject(&canister_id, "canister_pre_upgrade", result.outcome)?;
            }
            let stable = old.instance.take_stable();
            let mut instance = CanisterInstance::new(module, stable).map_err(|e| invalid_wasm(&canister_id, e))?;
            if instance.module().exports_function("canister_post_upgrade") {
                let result =
                    self.run_hook(&canister_id, &mut instance, EntryKind::PostUpgrade, "canister_post_upgrade", sender, arg, 0, balance);
                hooks.instructions += result.instructions;
                balance = result.ctx.balance;
                let outcome = result.outcome.clone();
                hooks.last = Some(result);
                trap_reject(&canister_id, "canister_post_upgrade", outcome)?;
            }
            let memory = self.memory_with(&canister_id, &instance, &wasm);
            let cost = self.config.fees.execution(hooks.instructions);
            self.check_not_frozen_after(&canister_id, memory, (balance + prepay).saturating_sub(cost))?;
            Ok(instance)
        })();

        match outcome {
            Ok(instance) => {
                self.settle_install(&canister_id, &hooks, prepay, Some(balance));
                let hook = hooks.last.take();
                self.commit_code(&canister_id, InstalledCode { wasm, module_hash, instance }, hook, false);
                Ok(module_hash)
            }
            Err(reject) => {
                self.settle_install(&canister_id, &hooks, prepay, None);
                old.instance.restore_heap(&heap_backup, &globals_backup);
                *old.instance.stable_mut() = stable_backup;
                self.canisters.get_mut(&canister_id).unwrap().code = Some(old);
                Err(reject)
            }
        }
    }

    /// Answers every unanswered call context of the canister with a reject (it was uninstalled).
    pub(crate) fn reject_open_contexts(&mut self, canister_id: &Principal, message: &str) {
        let open: Vec<(u64, Origin)> = self
            .call_contexts
            .iter()
            .filter(|(_, cc)| cc.canister == *canister_id && !cc.responded)
            .map(|(id, cc)| (*id, cc.origin.clone()))
            .collect();
        for (id, origin) in open {
            let refund = {
                let cc = self.call_contexts.get_mut(&id).unwrap();
                cc.responded = true;
                std::mem::take(&mut cc.cycles_available)
            };
            let reject = RejectResponse::error(ErrorCode::CANISTER_REJECTED_MESSAGE, message);
            self.respond(*canister_id, &origin, Err(reject), refund);
        }
    }
}
