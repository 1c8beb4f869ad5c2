//! Deployments by id, each user's deployments in order, and the refunds still to do ordered by when
//! they are next tried.

use crate::memory::{self, Memory};
use crate::models::deployment::{Deployment, DeploymentId};
use canister_kit::pagination::{Page, PageRequest};
use canister_kit::storable::Candid;
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use std::cell::RefCell;

thread_local! {
    static DEPLOYMENTS: RefCell<StableBTreeMap<DeploymentId, Candid<Deployment>, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::DEPLOYMENTS)));
    static BY_USER: RefCell<StableBTreeMap<(Principal, u64), DeploymentId, Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::DEPLOYMENTS_BY_USER)));
    static PENDING_REFUNDS: RefCell<StableBTreeMap<(u64, DeploymentId), (), Memory>> =
        RefCell::new(StableBTreeMap::init(memory::get(memory::PENDING_REFUNDS)));
}

pub fn get(id: &DeploymentId) -> Option<Deployment> {
    DEPLOYMENTS.with(|d| d.borrow().get(id).map(|c| c.0))
}

/// A new deployment, appended to its user's list.
pub fn insert(id: DeploymentId, deployment: Deployment) {
    let user = deployment.user;
    DEPLOYMENTS.with(|d| d.borrow_mut().insert(id, Candid(deployment)));
    BY_USER.with(|m| {
        let mut m = m.borrow_mut();
        let next = m.range((user, 0)..=(user, u64::MAX)).next_back().map_or(0, |e| e.key().1 + 1);
        m.insert((user, next), id);
    });
}

/// Forgets a deployment that charged nothing (its key may be used again).
pub fn remove(id: &DeploymentId) {
    let Some(d) = DEPLOYMENTS.with(|m| m.borrow_mut().remove(id)) else { return };
    let user = d.0.user;
    BY_USER.with(|m| {
        let mut m = m.borrow_mut();
        let key = m.range((user, 0)..=(user, u64::MAX)).rev().find(|e| e.value() == *id).map(|e| *e.key());
        if let Some(key) = key {
            m.remove(&key);
        }
    });
}

/// Changes a deployment in place; None when there is none.
pub fn update<R>(id: &DeploymentId, f: impl FnOnce(&mut Deployment) -> R) -> Option<R> {
    DEPLOYMENTS.with(|d| {
        let mut d = d.borrow_mut();
        let mut deployment = d.get(id)?.0;
        let r = f(&mut deployment);
        d.insert(*id, Candid(deployment));
        Some(r)
    })
}

pub fn count() -> u64 {
    DEPLOYMENTS.with(|d| d.borrow().len())
}

/// A user's deployments, newest first.
pub fn page_of_user(user: Principal, request: PageRequest) -> Page<Deployment> {
    BY_USER.with(|m| {
        let m = m.borrow();
        let total = m.range((user, 0)..=(user, u64::MAX)).next_back().map_or(0, |e| e.key().1 + 1);
        let ids: Vec<DeploymentId> = m
            .range((user, 0)..=(user, u64::MAX))
            .rev()
            .skip(request.offset.min(total) as usize)
            .take(request.capped_limit() as usize)
            .map(|e| e.value())
            .collect();
        Page { items: ids.iter().filter_map(get).collect(), total }
    })
}

pub fn schedule_refund(id: DeploymentId, at: u64) {
    PENDING_REFUNDS.with(|p| p.borrow_mut().insert((at, id), ()));
}

pub fn unschedule_refund(id: DeploymentId, at: u64) {
    PENDING_REFUNDS.with(|p| p.borrow_mut().remove(&(at, id)));
}

/// The refunds due at `now`, earliest first, at most `limit`.
pub fn due_refunds(now: u64, limit: usize) -> Vec<DeploymentId> {
    PENDING_REFUNDS.with(|p| p.borrow().range((0, [0; 32])..=(now, [0xff; 32])).take(limit).map(|e| e.key().1).collect())
}

/// When the next pending refund is due.
pub fn next_refund_at() -> Option<u64> {
    PENDING_REFUNDS.with(|p| p.borrow().first_key_value().map(|(k, _)| k.0))
}

pub fn pending_refunds(request: PageRequest) -> Page<Deployment> {
    PENDING_REFUNDS.with(|p| {
        let p = p.borrow();
        let ids: Vec<DeploymentId> =
            p.iter().skip(request.offset as usize).take(request.capped_limit() as usize).map(|e| e.key().1).collect();
        Page { items: ids.iter().filter_map(get).collect(), total: p.len() }
    })
}
