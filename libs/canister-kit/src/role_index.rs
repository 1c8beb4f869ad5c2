//! A stable index of who relates to which contract: (user, role, contract). Every factory keeps one for
//! its contracts' owners, recipients, signers, observers, members and participants; the backend's
//! registry keeps one across factories.
//!
//! Each (user, role) list is in the order the relationships were added. Entries are keyed
//! (user, role, n) where n counts the list's insertions, so while nothing was removed from a list its
//! positions are dense and a page is one O(log n) seek plus its items; after removals the seek skips
//! the gap entries of that list only. A reverse map (user, role, contract) -> n makes `contains` and
//! `remove` O(log n); a count map keeps each list's length.

use crate::memory::Memory;
use crate::pagination::{Page, PageRequest};
use candid::Principal;
use ic_stable_structures::StableBTreeMap;
use icto_shared::role::Role;

pub struct RoleIndex {
    /// (user, role code, n) -> contract.
    entries: StableBTreeMap<(Principal, u8, u64), Principal, Memory>,
    /// (user, role code, contract) -> n.
    positions: StableBTreeMap<(Principal, u8, Principal), u64, Memory>,
    /// (user, role code) -> (entries in the list, insertions ever made to it).
    counts: StableBTreeMap<(Principal, u8), (u64, u64), Memory>,
}

impl RoleIndex {
    pub fn init(entries: Memory, positions: Memory, counts: Memory) -> RoleIndex {
        RoleIndex {
            entries: StableBTreeMap::init(entries),
            positions: StableBTreeMap::init(positions),
            counts: StableBTreeMap::init(counts),
        }
    }

    /// Adds the relationship; false when it was already there.
    pub fn insert(&mut self, user: Principal, role: Role, contract: Principal) -> bool {
        let code = role.code();
        if self.positions.contains_key(&(user, code, contract)) {
            return false;
        }
        let (count, inserted) = self.counts.get(&(user, code)).unwrap_or((0, 0));
        self.entries.insert((user, code, inserted), contract);
        self.positions.insert((user, code, contract), inserted);
        self.counts.insert((user, code), (count + 1, inserted + 1));
        true
    }

    /// Removes the relationship; false when it was not there.
    pub fn remove(&mut self, user: Principal, role: Role, contract: Principal) -> bool {
        let code = role.code();
        let Some(n) = self.positions.remove(&(user, code, contract)) else { return false };
        self.entries.remove(&(user, code, n));
        let (count, inserted) = self.counts.get(&(user, code)).unwrap_or((1, n + 1));
        self.counts.insert((user, code), (count.saturating_sub(1), inserted));
        true
    }

    pub fn contains(&self, user: Principal, role: Role, contract: Principal) -> bool {
        self.positions.contains_key(&(user, role.code(), contract))
    }

    /// The roles `user` has at `contract`.
    pub fn roles_at(&self, user: Principal, contract: Principal) -> Vec<Role> {
        Role::ALL.into_iter().filter(|role| self.contains(user, *role, contract)).collect()
    }

    pub fn count(&self, user: Principal, role: Role) -> u64 {
        self.counts.get(&(user, role.code())).map_or(0, |(count, _)| count)
    }

    pub fn count_for_user(&self, user: Principal) -> u64 {
        self.counts.range((user, 0)..=(user, u8::MAX)).map(|e| e.value().0).sum()
    }

    /// `user`'s contracts in `role`, oldest first.
    pub fn page(&self, user: Principal, role: Role, request: PageRequest) -> Page<Principal> {
        let code = role.code();
        let (count, inserted) = self.counts.get(&(user, code)).unwrap_or((0, 0));
        let limit = request.capped_limit() as usize;
        let items = if count == inserted {
            // Dense: position k is key n = k.
            self.entries.range((user, code, request.offset)..=(user, code, u64::MAX)).take(limit).map(|e| e.value()).collect()
        } else {
            let skip = request.offset.min(count) as usize;
            self.entries.range((user, code, 0)..=(user, code, u64::MAX)).skip(skip).take(limit).map(|e| e.value()).collect()
        };
        Page { items, total: count }
    }

    /// Every relationship of `user`, by role (in `Role::ALL` order), then oldest first.
    pub fn page_for_user(&self, user: Principal, request: PageRequest) -> Page<(Role, Principal)> {
        let total = self.count_for_user(user);
        let items = self
            .entries
            .range((user, 0, 0)..=(user, u8::MAX, u64::MAX))
            .skip(request.offset.min(total) as usize)
            .take(request.capped_limit() as usize)
            .filter_map(|e| {
                let (_, code, _) = *e.key();
                Role::from_code(code).map(|role| (role, e.value()))
            })
            .collect();
        Page { items, total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{get, Id};

    fn index() -> RoleIndex {
        RoleIndex::init(get(Id::new(200)), get(Id::new(201)), get(Id::new(202)))
    }

    fn p(n: u16) -> Principal {
        Principal::from_slice(&n.to_be_bytes())
    }

    #[test]
    fn lists_are_paged_in_insertion_order_with_totals() {
        let mut idx = index();
        let alice = p(1);
        for c in 100..160 {
            assert!(idx.insert(alice, Role::Owner, p(c)));
        }
        assert!(!idx.insert(alice, Role::Owner, p(100)), "no duplicates");
        idx.insert(alice, Role::Signer, p(500));
        idx.insert(p(2), Role::Owner, p(600));
        let page = idx.page(alice, Role::Owner, PageRequest::new(10, 3));
        assert_eq!(page, Page { items: vec![p(110), p(111), p(112)], total: 60 });
        assert_eq!(idx.page(alice, Role::Signer, PageRequest::new(0, 10)).items, vec![p(500)]);
        assert_eq!(idx.page(p(3), Role::Owner, PageRequest::new(0, 10)), Page::empty());
        assert_eq!(idx.count_for_user(alice), 61);
        let all = idx.page_for_user(alice, PageRequest::new(59, 10));
        assert_eq!(all.items, vec![(Role::Owner, p(159)), (Role::Signer, p(500))]);
        assert_eq!(all.total, 61);
        assert_eq!(idx.roles_at(alice, p(500)), vec![Role::Signer]);
    }

    #[test]
    fn removal_keeps_order_counts_and_paging() {
        let mut idx = index();
        let bob = p(7);
        for c in 0..10 {
            idx.insert(bob, Role::Member, p(c));
        }
        assert!(idx.remove(bob, Role::Member, p(3)));
        assert!(!idx.remove(bob, Role::Member, p(3)));
        assert!(!idx.contains(bob, Role::Member, p(3)));
        assert_eq!(idx.count(bob, Role::Member), 9);
        let page = idx.page(bob, Role::Member, PageRequest::new(2, 3));
        assert_eq!(page.items, vec![p(2), p(4), p(5)], "positions close over the gap");
        idx.insert(bob, Role::Member, p(3));
        assert_eq!(idx.page(bob, Role::Member, PageRequest::new(8, 5)).items, vec![p(9), p(3)], "re-added last");
    }
}
