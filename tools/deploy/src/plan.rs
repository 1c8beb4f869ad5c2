//! What a deploy will do, printed before it does anything: the canisters it creates (with the cycles
//! each is given, and their total) or upgrades in place. On the IC the operator confirms it.

use crate::steps::{steps_for, Options, Profile};
use icto_shared::app_config::CanisterIds;
use std::fmt::Write;

/// The plan as text, one line per canister.
pub fn describe(options: &Options, existing: Option<&CanisterIds>) -> String {
    let mut out = String::new();
    let network = match options.profile {
        Profile::Local { gateway_port } => format!("the local network (gateway port {gateway_port})"),
        Profile::Ic => "the Internet Computer (mainnet)".to_string(),
    };
    match existing {
        Some(ids) => {
            let _ = writeln!(out, "Upgrading in place on {network} (every canister keeps its state):");
            for (name, id) in named_ids(ids) {
                let _ = writeln!(out, "  {name:<16} {id}");
            }
        }
        None => {
            let _ = writeln!(out, "Creating on {network}:");
            let mut total = 0u128;
            for (name, cycles) in options.canisters_to_create() {
                total += cycles;
                let _ = writeln!(out, "  {name:<16} {}", trillions(cycles));
            }
            let source = match options.profile {
                Profile::Local { .. } => "minted by the local network",
                Profile::Ic => "from the operator's cycles ledger balance",
            };
            let _ = writeln!(out, "  cycles needed: {} ({source})", trillions(total));
        }
    }
    let steps: Vec<&str> = steps_for(options.profile).iter().map(|s| s.name()).collect();
    let _ = writeln!(out, "Then: {}.", steps.join("; "));
    if options.profile == Profile::Ic {
        let _ = writeln!(
            out,
            "Payments in ICP ({}); login with Internet Identity; no test users and no development identity provider.",
            crate::steps::ICP_LEDGER
        );
    }
    out
}

fn named_ids(ids: &CanisterIds) -> Vec<(&'static str, candid::Principal)> {
    let mut named = vec![("payment_ledger", ids.payment_ledger), ("assets", ids.assets), ("token_factory", ids.token_factory)];
    for (name, id) in [
        ("dev_identity", ids.dev_identity),
        ("backend", ids.backend),
        ("audit_storage", ids.audit_storage),
        ("invoice_storage", ids.invoice_storage),
        ("distribution_factory", ids.distribution_factory),
        ("multisig_factory", ids.multisig_factory),
    ] {
        if let Some(id) = id {
            named.push((name, id));
        }
    }
    named
}

fn trillions(cycles: u128) -> String {
    format!("{}.{:02}T cycles", cycles / 1_000_000_000_000, cycles % 1_000_000_000_000 / 10_000_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Principal;

    fn options(profile: Profile) -> Options {
        Options { wasm_dir: "target/canisters".into(), users: vec![], fund: 0, app_files: vec![], profile }
    }

    #[test]
    fn an_ic_plan_names_each_canister_its_cycles_and_the_total_and_leaves_out_the_dev_parts() {
        let plan = describe(&options(Profile::Ic), None);
        assert!(plan.contains("token_factory    10.00T cycles"), "{plan}");
        assert!(plan.contains("distribution_factory 10.00T cycles"), "{plan}");
        assert!(plan.contains("multisig_factory 10.00T cycles"), "{plan}");
        for name in ["assets", "backend", "audit_storage", "invoice_storage"] {
            assert!(plan.contains(name), "{name} missing:\n{plan}");
        }
        assert!(plan.contains("cycles needed: 39.00T cycles (from the operator's cycles ledger balance)"), "{plan}");
        assert!(!plan.contains("dev_identity") && !plan.contains("dev identity provider and test users"), "{plan}");
        assert!(!plan.contains("payment ledger funding"), "{plan}");
        assert!(plan.contains("Internet Identity"), "{plan}");
    }

    #[test]
    fn a_re_run_plan_lists_what_it_upgrades_and_creates_nothing() {
        let id = Principal::from_slice(&[1]);
        let ids = CanisterIds {
            token_factory: id,
            payment_ledger: id,
            assets: id,
            dev_identity: Some(id),
            backend: Some(id),
            audit_storage: None,
            invoice_storage: None,
            distribution_factory: None,
            multisig_factory: None,
        };
        let plan = describe(&options(Profile::Local { gateway_port: 4943 }), Some(&ids));
        assert!(plan.starts_with("Upgrading in place"), "{plan}");
        assert!(plan.contains("backend") && !plan.contains("audit_storage") && !plan.contains("cycles needed"), "{plan}");
    }
}
