//! Storage and compute allocation are paid over time, in steps (the replica charges every 10 s
//! with `charge_canister_for_resource_allocation_and_usage`). A canister that cannot pay is
//! uninstalled and its balance goes to zero (interface spec, "Canister cycles").
use candid::Principal;

use crate::subnet::Subnet;

impl Subnet {
    /// Charges every canister for the time since the last charge, once a full period has passed.
    pub(crate) fn charge_for_resources(&mut self) {
        let now = self.clock.now();
        let period = self.config.allocation_charge_period_seconds.saturating_mul(1_000_000_000);
        let elapsed = now.saturating_sub(self.last_allocation_charge);
        if elapsed < period {
            return;
        }
        self.last_allocation_charge = now;
        let mut broke: Vec<Principal> = Vec::new();
        let fees = &self.config.fees;
        for (id, c) in self.canisters.iter_mut() {
            let cost = fees.idle_burn(c.charged_memory_bytes(), c.settings.compute_allocation, elapsed);
            if cost > c.cycles {
                c.cycles = 0;
                broke.push(*id);
            } else {
                c.cycles -= cost;
            }
        }
        for id in broke {
            self.uninstall_out_of_cycles(&id);
        }
    }

    /// What the IC does to a canister that runs out of cycles: its code and memory are dropped
    /// (controllers, settings and status stay), open calls are rejected, the history is cleared.
    fn uninstall_out_of_cycles(&mut self, id: &Principal) {
        let time = self.clock.now();
        let Some(c) = self.canisters.get_mut(id) else { return };
        if c.code.is_none() {
            return;
        }
        c.push_logs(time, vec!["Canister ran out of cycles: its code and memory were uninstalled".to_string()]);
        c.history.clear();
        self.uninstall(id);
    }
}
