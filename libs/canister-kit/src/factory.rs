//! The admin side every factory shares, written once: who may do what (admins, the backend, a contract's
//! creator), the settings every factory has (admins, backend, cycles per contract), the template upload,
//! and the upgrade direction rule. A factory keeps its own stored state and typed error (their Candid
//! shapes differ) and describes them to the kit with `impl Factory for <marker>`; its endpoints call the
//! functions here with that marker: `factory::set_admins::<Wallets>(&ctx, admins)`.

use crate::templates::TemplateStore;
use crate::{CallContext, KitError};
use candid::{Nat, Principal};
use icto_shared::template::{DeployKind, TemplateInfo, TemplateUploadBegin};

/// The part of a factory's stored settings the kit reads and changes.
pub trait AdminSettings {
    fn admins(&self) -> &[Principal];
    fn set_admins(&mut self, admins: Vec<Principal>);
    fn backend(&self) -> Option<Principal>;
    fn set_backend(&mut self, backend: Option<Principal>);
    fn set_cycles_per_contract(&mut self, cycles: u128);
}

/// `impl AdminSettings` for a factory's settings struct with fields `admins: Vec<Principal>`,
/// `backend: Option<Principal>` and the named `u128` cycles field (its name is part of the stored Candid
/// and stays the factory's): `canister_kit::admin_settings!(FactoryState, cycles_per_wallet);`.
#[macro_export]
macro_rules! admin_settings {
    ($state:ty, $cycles:ident) => {
        impl $crate::factory::AdminSettings for $state {
            fn admins(&self) -> &[::candid::Principal] {
                &self.admins
            }
            fn set_admins(&mut self, admins: Vec<::candid::Principal>) {
                self.admins = admins;
            }
            fn backend(&self) -> Option<::candid::Principal> {
                self.backend
            }
            fn set_backend(&mut self, backend: Option<::candid::Principal>) {
                self.backend = backend;
            }
            fn set_cycles_per_contract(&mut self, cycles: u128) {
                self.$cycles = cycles;
            }
        }
    };
}

/// A factory as the kit sees it: its settings, its template store, its bounds and its typed error.
pub trait Factory {
    type Settings: AdminSettings;
    type Error: From<KitError>;
    /// At most this many admins.
    const MAX_ADMINS: usize;
    /// A new contract gets at least this many cycles (below, it would freeze soon after creation).
    const MIN_CYCLES_PER_CONTRACT: u128;

    fn with_settings<R>(f: impl FnOnce(&Self::Settings) -> R) -> R;
    fn update_settings<R>(f: impl FnOnce(&mut Self::Settings) -> R) -> R;
    fn with_templates<R>(f: impl FnOnce(&mut TemplateStore) -> R) -> R;
    fn unauthorized() -> Self::Error;
    fn not_newer(current: u32, requested: u32) -> Self::Error;
    /// Runs once a new backend is set (a factory forwarding relationships resumes its outbox).
    fn backend_changed() {}
}

fn invalid<F: Factory>(message: String) -> F::Error {
    KitError::InvalidArgument(message).into()
}

// ---------- access ----------

pub fn is_admin<F: Factory>(ctx: &CallContext) -> bool {
    F::with_settings(|s| s.admins().contains(&ctx.caller))
}

pub fn require_admin<F: Factory>(ctx: &CallContext) -> Result<(), F::Error> {
    if is_admin::<F>(ctx) { Ok(()) } else { Err(F::unauthorized()) }
}

/// Only the backend creates contracts (it has taken the fee and names the paying user).
pub fn require_backend<F: Factory>(ctx: &CallContext) -> Result<(), F::Error> {
    if F::with_settings(|s| s.backend() == Some(ctx.caller)) { Ok(()) } else { Err(F::unauthorized()) }
}

/// A contract's creator (or owner) or an admin.
pub fn require_creator_or_admin<F: Factory>(ctx: &CallContext, creator: Principal) -> Result<(), F::Error> {
    if creator == ctx.caller || is_admin::<F>(ctx) { Ok(()) } else { Err(F::unauthorized()) }
}

// ---------- settings ----------

/// 1 to `max` admins, none anonymous.
pub fn check_admins(admins: &[Principal], max: usize) -> Result<(), String> {
    if admins.is_empty() || admins.len() > max {
        return Err(format!("give between 1 and {max} admins"));
    }
    if admins.contains(&Principal::anonymous()) {
        return Err("the anonymous principal cannot be an admin".into());
    }
    Ok(())
}

/// The settings at install: admins, backend and cycles per contract (`default` when not given).
pub fn init<F: Factory>(admins: Vec<Principal>, backend: Option<Principal>, cycles: Option<u128>, default: u128) -> Result<(), String> {
    check_admins(&admins, F::MAX_ADMINS)?;
    let cycles = cycles.unwrap_or(default);
    if cycles < F::MIN_CYCLES_PER_CONTRACT {
        return Err(format!("cycles per contract must be at least {}", F::MIN_CYCLES_PER_CONTRACT));
    }
    F::update_settings(|s| {
        s.set_admins(admins);
        s.set_backend(backend);
        s.set_cycles_per_contract(cycles);
    });
    Ok(())
}

pub fn set_backend<F: Factory>(ctx: &CallContext, backend: Option<Principal>) -> Result<(), F::Error> {
    require_admin::<F>(ctx)?;
    if backend == Some(Principal::anonymous()) {
        return Err(invalid::<F>("the anonymous principal cannot be the backend".into()));
    }
    F::update_settings(|s| s.set_backend(backend));
    F::backend_changed();
    Ok(())
}

pub fn set_admins<F: Factory>(ctx: &CallContext, admins: Vec<Principal>) -> Result<(), F::Error> {
    require_admin::<F>(ctx)?;
    check_admins(&admins, F::MAX_ADMINS).map_err(invalid::<F>)?;
    F::update_settings(|s| s.set_admins(admins));
    Ok(())
}

pub fn set_cycles_per_contract<F: Factory>(ctx: &CallContext, cycles: Nat) -> Result<(), F::Error> {
    require_admin::<F>(ctx)?;
    let cycles = u128::try_from(&cycles.0).map_err(|_| invalid::<F>("too many cycles".into()))?;
    if cycles < F::MIN_CYCLES_PER_CONTRACT {
        return Err(invalid::<F>(format!("at least {} cycles", F::MIN_CYCLES_PER_CONTRACT)));
    }
    F::update_settings(|s| s.set_cycles_per_contract(cycles));
    Ok(())
}

// ---------- templates (upload by admins; the store does the checks) ----------

pub fn template_upload_begin<F: Factory>(ctx: &CallContext, args: TemplateUploadBegin) -> Result<(), F::Error> {
    require_admin::<F>(ctx)?;
    Ok(F::with_templates(|t| t.begin(args))?)
}

/// Returns the bytes received so far.
pub fn template_upload_chunk<F: Factory>(ctx: &CallContext, bytes: Vec<u8>) -> Result<u64, F::Error> {
    require_admin::<F>(ctx)?;
    Ok(F::with_templates(|t| t.chunk(bytes))?)
}

pub fn template_upload_commit<F: Factory>(ctx: &CallContext) -> Result<TemplateInfo, F::Error> {
    require_admin::<F>(ctx)?;
    Ok(F::with_templates(|t| t.commit(ctx.now))?)
}

pub fn list_templates<F: Factory>() -> Vec<TemplateInfo> {
    F::with_templates(|t| t.list())
}

// ---------- upgrades ----------

/// Whether a contract running `current` may move to `target`: forward always (for whoever may upgrade
/// it); back only by an admin and only to the version that ran before (`previous`, from the contract's
/// `DeployHistory`): a rollback after a bad release.
pub fn upgrade_kind<F: Factory>(
    ctx: &CallContext,
    current: Option<u32>,
    target: u32,
    previous: impl FnOnce() -> Result<u32, KitError>,
) -> Result<DeployKind, F::Error> {
    match current {
        Some(current) if target <= current => {
            if target < current && is_admin::<F>(ctx) && previous() == Ok(target) {
                Ok(DeployKind::Rollback)
            } else {
                Err(F::not_newer(current, target))
            }
        }
        _ => Ok(DeployKind::Upgrade),
    }
}

/// Host-test checks every factory runs on its own `Factory` (feature `testing`, for dev-dependencies).
#[cfg(any(test, feature = "testing"))]
pub mod testing {
    use super::*;
    use std::fmt::Debug;

    /// Settings and template upload: refused to `stranger` (the factory's `unauthorized`), bounds checked
    /// for `admin` (admins 1 to `MAX_ADMINS`, none anonymous; cycles from `MIN_CYCLES_PER_CONTRACT`, fitting
    /// a u128; no anonymous backend), a chunk before `begin` and a commit with the wrong hash refused.
    /// Leaves no template and the settings unchanged.
    pub fn admin_rules<F: Factory>(admin: Principal, stranger: Principal)
    where
        F::Error: PartialEq + Debug,
    {
        let (admin, stranger) = (CallContext::for_test(admin, 1), CallContext::for_test(stranger, 1));
        let refused = || Err(F::unauthorized());
        let begin = TemplateUploadBegin { sha256: vec![0; 32], total_size: 4, label: "v".into(), semver: None, release_notes: None };
        assert_eq!(set_backend::<F>(&stranger, Some(stranger.caller)), refused());
        assert_eq!(set_admins::<F>(&stranger, vec![stranger.caller]), refused());
        assert_eq!(set_cycles_per_contract::<F>(&stranger, Nat::from(F::MIN_CYCLES_PER_CONTRACT)), refused());
        assert_eq!(template_upload_begin::<F>(&stranger, begin.clone()), refused());
        assert_eq!(template_upload_chunk::<F>(&stranger, vec![1]).map(|_| ()), refused());
        assert_eq!(template_upload_commit::<F>(&stranger).map(|_| ()), refused());

        let invalid = |r: Result<(), F::Error>| r.is_err() && r != refused();
        assert!(invalid(set_admins::<F>(&admin, vec![])));
        assert!(invalid(set_admins::<F>(&admin, vec![admin.caller; F::MAX_ADMINS + 1])));
        assert!(invalid(set_admins::<F>(&admin, vec![Principal::anonymous()])));
        assert!(invalid(set_cycles_per_contract::<F>(&admin, Nat::from(F::MIN_CYCLES_PER_CONTRACT - 1))));
        assert!(invalid(set_cycles_per_contract::<F>(&admin, Nat::from(u128::MAX) + Nat::from(1u8))));
        assert!(invalid(set_backend::<F>(&admin, Some(Principal::anonymous()))));

        assert_eq!(template_upload_chunk::<F>(&admin, vec![1]).map(|_| ()), Err(KitError::UploadNotStarted.into()));
        template_upload_begin::<F>(&admin, begin).unwrap();
        template_upload_chunk::<F>(&admin, vec![1, 2, 3, 4]).unwrap();
        assert!(invalid(template_upload_commit::<F>(&admin).map(|_| ())), "a commit with the wrong hash");
        assert!(list_templates::<F>().is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[derive(Default)]
    struct State {
        admins: Vec<Principal>,
        backend: Option<Principal>,
        cycles: u128,
    }

    impl AdminSettings for State {
        fn admins(&self) -> &[Principal] {
            &self.admins
        }
        fn set_admins(&mut self, admins: Vec<Principal>) {
            self.admins = admins;
        }
        fn backend(&self) -> Option<Principal> {
            self.backend
        }
        fn set_backend(&mut self, backend: Option<Principal>) {
            self.backend = backend;
        }
        fn set_cycles_per_contract(&mut self, cycles: u128) {
            self.cycles = cycles;
        }
    }

    thread_local! {
        static STATE: RefCell<State> = RefCell::new(State::default());
        static BACKEND_CHANGES: RefCell<u32> = const { RefCell::new(0) };
    }

    #[derive(Debug, PartialEq)]
    enum Error {
        Unauthorized,
        NotNewer(u32, u32),
        Kit(KitError),
    }

    impl From<KitError> for Error {
        fn from(e: KitError) -> Self {
            Error::Kit(e)
        }
    }

    struct Test;

    impl Factory for Test {
        type Settings = State;
        type Error = Error;
        const MAX_ADMINS: usize = 2;
        const MIN_CYCLES_PER_CONTRACT: u128 = 10;
        fn with_settings<R>(f: impl FnOnce(&State) -> R) -> R {
            STATE.with(|s| f(&s.borrow()))
        }
        fn update_settings<R>(f: impl FnOnce(&mut State) -> R) -> R {
            STATE.with(|s| f(&mut s.borrow_mut()))
        }
        fn with_templates<R>(_: impl FnOnce(&mut TemplateStore) -> R) -> R {
            unreachable!("not used here")
        }
        fn unauthorized() -> Error {
            Error::Unauthorized
        }
        fn not_newer(current: u32, requested: u32) -> Error {
            Error::NotNewer(current, requested)
        }
        fn backend_changed() {
            BACKEND_CHANGES.with(|c| *c.borrow_mut() += 1);
        }
    }

    fn p(n: u8) -> Principal {
        Principal::from_slice(&[n; 10])
    }

    fn ctx(n: u8) -> CallContext {
        CallContext::for_test(p(n), 1)
    }

    #[test]
    fn factory_settings_are_for_admins_within_bounds() {
        assert!(init::<Test>(vec![], None, None, 20).is_err());
        assert!(init::<Test>(vec![Principal::anonymous()], None, None, 20).is_err());
        assert!(init::<Test>(vec![p(1)], None, Some(9), 20).is_err());
        init::<Test>(vec![p(1)], Some(p(2)), None, 20).unwrap();
        assert_eq!(STATE.with(|s| s.borrow().cycles), 20);

        assert_eq!(set_admins::<Test>(&ctx(2), vec![p(2)]), Err(Error::Unauthorized));
        assert!(matches!(set_admins::<Test>(&ctx(1), vec![p(1), p(2), p(3)]), Err(Error::Kit(KitError::InvalidArgument(_)))));
        assert!(matches!(set_backend::<Test>(&ctx(1), Some(Principal::anonymous())), Err(Error::Kit(KitError::InvalidArgument(_)))));
        assert!(matches!(set_cycles_per_contract::<Test>(&ctx(1), Nat::from(9u8)), Err(Error::Kit(KitError::InvalidArgument(_)))));
        assert_eq!(set_cycles_per_contract::<Test>(&ctx(3), Nat::from(90u8)), Err(Error::Unauthorized));
        set_cycles_per_contract::<Test>(&ctx(1), Nat::from(90u8)).unwrap();
        set_backend::<Test>(&ctx(1), Some(p(5))).unwrap();
        assert_eq!(BACKEND_CHANGES.with(|c| *c.borrow()), 1);
        assert_eq!(require_backend::<Test>(&ctx(5)), Ok(()));
        assert_eq!(require_backend::<Test>(&ctx(2)), Err(Error::Unauthorized));
        assert_eq!(require_creator_or_admin::<Test>(&ctx(7), p(7)), Ok(()));
        assert_eq!(require_creator_or_admin::<Test>(&ctx(1), p(7)), Ok(()));
        assert_eq!(require_creator_or_admin::<Test>(&ctx(8), p(7)), Err(Error::Unauthorized));
    }

    #[test]
    fn factory_upgrades_go_forward_and_admins_roll_back_one_version() {
        init::<Test>(vec![p(1)], None, None, 20).unwrap();
        assert_eq!(upgrade_kind::<Test>(&ctx(7), None, 1, || unreachable!()), Ok(DeployKind::Upgrade));
        assert_eq!(upgrade_kind::<Test>(&ctx(7), Some(1), 2, || unreachable!()), Ok(DeployKind::Upgrade));
        assert_eq!(upgrade_kind::<Test>(&ctx(7), Some(2), 2, || Ok(1)), Err(Error::NotNewer(2, 2)));
        assert_eq!(upgrade_kind::<Test>(&ctx(7), Some(2), 1, || Ok(1)), Err(Error::NotNewer(2, 1)));
        assert_eq!(upgrade_kind::<Test>(&ctx(1), Some(3), 1, || Ok(2)), Err(Error::NotNewer(3, 1)));
        assert_eq!(upgrade_kind::<Test>(&ctx(1), Some(2), 1, || Ok(1)), Ok(DeployKind::Rollback));
    }
}
