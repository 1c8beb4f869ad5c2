//! install_code (install / reinstall / upgrade) and uninstall_code. Each is atomic: a trap in
//! `canister_init`, `canister_pre_upgrade` or `canister_post_upgrade` leaves the old code and state.
use candid::Principal;
use ic_management_canister_types as mgmt;
use sha2::{Digest, Sha256};
use std::sync::Arc;

use super::{decode, encode_unit};
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

fn invalid_wasm(canister_id: &Principal, e: String) -> RejectResponse {
    RejectResponse::canister_error(
        format!("Error from Canister {canister_id}: Canister's Wasm module is not valid: {e}"),
        ErrorCode::CANISTER_INVALID_WASM,
    )
}

fn trap_reject(canister_id: &Principal, phase: &str, outcome: ExecOutcome) -> Result<(), RejectResponse> {
    match outcome {
        ExecOutcome::Ok => Ok(()),
        ExecOutcome::Trap { message, error_code } => Err(RejectResponse::canister_error(
            format!("Error from Canister {canister_id}: {message} (in {phase})"),
            error_code,
        )),
    }
}

impl Subnet {
    pub(super) fn mgmt_install_code(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::InstallCodeArgs = decode("install_code", &req.arg)?;
        self.install_code(req.sender, args.canister_id, (&args.mode).into(), args.wasm_module, args.arg)?;
        Ok(encode_unit())
    }

    pub(super) fn mgmt_uninstall_code(&mut self, req: &Request) -> Result<Vec<u8>, RejectResponse> {
        let args: mgmt::UninstallCodeArgs = decode("uninstall_code", &req.arg)?;
        self.controlled_canister(&args.canister_id, &req.sender)?;
        let c = self.canisters.get_mut(&args.canister_id).unwrap();
        c.code = None;
        c.certified_data.clear();
        c.global_timer = 0;
        c.epoch += 1;
        c.version += 1;
        self.reject_open_contexts(&args.canister_id, "Canister has been uninstalled.");
        Ok(encode_unit())
    }

    /// Installs, reinstalls or upgrades `wasm` (raw or gzipped) on a canister `sender` controls.
    pub fn install_code(
        &mut self,
        sender: Principal,
        canister_id: Principal,
        mode: InstallMode,
        wasm: Vec<u8>,
        arg: Vec<u8>,
    ) -> Result<(), RejectResponse> {
        self.controlled_canister(&canister_id, &sender)?;
        let raw = decompress_if_gzipped(&wasm).map_err(|e| invalid_wasm(&canister_id, e))?;
        let module = compile_module(&raw).map_err(|e| invalid_wasm(&canister_id, e))?;
        let module_hash: [u8; 32] = Sha256::digest(&wasm).into();
        let has_code = self.canisters[&canister_id].code.is_some();
        match mode {
            InstallMode::Install if has_code => Err(RejectResponse::canister_error(
                format!(
                    "Canister {canister_id} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead."
                ),
                ErrorCode::CANISTER_ALREADY_INSTALLED,
            )),
            InstallMode::Install | InstallMode::Reinstall => {
                self.install_fresh(sender, canister_id, module, Arc::new(wasm), module_hash, arg)
            }
            InstallMode::Upgrade { .. } if !has_code => Err(RejectResponse::canister_error(
                format!("Canister {canister_id} has no Wasm module to upgrade"),
                ErrorCode::CANISTER_WASM_MODULE_NOT_FOUND,
            )),
            InstallMode::Upgrade { skip_pre_upgrade } => {
                self.upgrade(sender, canister_id, module, Arc::new(wasm), module_hash, arg, skip_pre_upgrade)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    /// Runs a lifecycle hook on an instance that is not (or no longer) the canister's live code.
    fn run_hook(
        &mut self,
        canister_id: &Principal,
        instance: &mut CanisterInstance,
        kind: EntryKind,
        export: &str,
        caller: Principal,
        arg: Vec<u8>,
        global_timer: u64,
    ) -> ExecResult {
        let mut ctx = self.base_context(canister_id, kind);
        ctx.caller = caller;
        ctx.arg = arg;
        ctx.method = export.to_string();
        ctx.global_timer = global_timer;
        let wasm_memory_limit = self.canisters[canister_id].settings.wasm_memory_limit;
        let result = instance.run(&Entry::Export(export.to_string()), ctx, true, wasm_memory_limit);
        let c = self.canisters.get_mut(canister_id).expect("exists");
        let fee = self.config.fees.execution(result.instructions);
        c.cycles = c.cycles.saturating_sub(fee);
        result
    }

    /// Makes a successful hook's effects the canister's state.
    fn commit_code(&mut self, canister_id: &Principal, code: InstalledCode, mut hook: Option<ExecResult>, reset_certified_data: bool) {
        let time = self.clock.now();
        let c = self.canisters.get_mut(canister_id).expect("exists");
        c.code = Some(code);
        c.version += 1;
        c.epoch += 1;
        if reset_certified_data {
            c.certified_data.clear();
        }
        c.global_timer = 0;
        if let Some(result) = hook.as_mut() {
            if let Some(data) = result.ctx.certified_data.take() {
                c.certified_data = data;
            }
            c.global_timer = result.ctx.global_timer;
            let logs = std::mem::take(&mut result.ctx.logs);
            c.push_logs(time, logs);
        }
    }

    fn install_fresh(
        &mut self,
        sender: Principal,
        canister_id: Principal,
        module: Arc<CompiledModule>,
        wasm: Arc<Vec<u8>>,
        module_hash: [u8; 32],
        arg: Vec<u8>,
    ) -> Result<(), RejectResponse> {
        let mut instance = CanisterInstance::new(module, StableMemory::default()).map_err(|e| invalid_wasm(&canister_id, e))?;
        let hook = if instance.module().exports_function("canister_init") {
            let result = self.run_hook(&canister_id, &mut instance, EntryKind::Init, "canister_init", sender, arg, 0);
            trap_reject(&canister_id, "canister_init", result.outcome.clone())?;
            Some(result)
        } else {
            None
        };
        self.reject_open_contexts(&canister_id, "Canister has been reinstalled.");
        self.commit_code(&canister_id, InstalledCode { wasm, module_hash, instance }, hook, true);
        Ok(())
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
    ) -> Result<(), RejectResponse> {
        let mut old = self.canisters.get_mut(&canister_id).unwrap().code.take().expect("checked: has code");
        // Kept until the upgrade succeeds: pre_upgrade commits into the old instance.
        let heap_backup = old.instance.heap_bytes().to_vec();
        let globals_backup = old.instance.global_values();
        let stable_backup = old.instance.stable().clone();
        let timer = self.canisters[&canister_id].global_timer;

        let outcome = (|| {
            if !skip_pre_upgrade && old.instance.module().exports_function("canister_pre_upgrade") {
                let result = self.run_hook(&canister_id, &mut old.instance, EntryKind::PreUpgrade, "canister_pre_upgrade", sender, vec![], timer);
                trap_reject(&canister_id, "canister_pre_upgrade", result.outcome)?;
            }
            let stable = old.instance.take_stable();
            let mut instance = CanisterInstance::new(module, stable).map_err(|e| invalid_wasm(&canister_id, e))?;
            let hook = if instance.module().exports_function("canister_post_upgrade") {
                let result = self.run_hook(&canister_id, &mut instance, EntryKind::PostUpgrade, "canister_post_upgrade", sender, arg, 0);
                trap_reject(&canister_id, "canister_post_upgrade", result.outcome.clone())?;
                Some(result)
            } else {
                None
            };
            Ok((instance, hook))
        })();

        match outcome {
            Ok((instance, hook)) => {
                self.commit_code(&canister_id, InstalledCode { wasm, module_hash, instance }, hook, false);
                Ok(())
            }
            Err(reject) => {
                old.instance.restore_heap(&heap_backup, &globals_backup);
                *old.instance.stable_mut() = stable_backup;
                self.canisters.get_mut(&canister_id).unwrap().code = Some(old);
                Err(reject)
            }
        }
    }

    /// Answers every unanswered call context of the canister with a reject (its code changed).
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
            self.respond(
                &origin,
                Err(RejectResponse::canister_error(format!("Canister {canister_id}: {message}"), ErrorCode::CANISTER_TRAPPED)),
                refund,
            );
        }
    }
}
