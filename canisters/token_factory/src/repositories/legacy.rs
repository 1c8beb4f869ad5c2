//! The first layout (before the canister kit): the template upload in progress inside the settings and
//! a creator index of its own. `migrate` moves both into the kit's structures; it runs in
//! `post_upgrade` and does nothing once they are empty.

use super::{settings, templates, tokens};
use crate::memory::{self, Memory};
use candid::Principal;
use ic_stable_structures::StableBTreeMap;

fn creator_index() -> StableBTreeMap<(Principal, u64), Principal, Memory> {
    StableBTreeMap::init(memory::get(memory::LEGACY_TOKENS_BY_CREATOR))
}

fn creator_counts() -> StableBTreeMap<Principal, u64, Memory> {
    StableBTreeMap::init(memory::get(memory::LEGACY_CREATOR_COUNTS))
}

pub fn migrate() {
    if let Some(upload) = settings::update(|s| {
        s.latest_template = None;
        s.upload.take()
    }) {
        templates::with(|t| t.resume_upload(upload));
    }
    let mut by_creator = creator_index();
    if by_creator.is_empty() {
        return;
    }
    // Creation order, so each owner's list keeps its order.
    for id in tokens::ids_in_order() {
        if let Some(record) = tokens::get(&id) {
            tokens::add_owner(record.owner, id);
        }
    }
    by_creator.clear_new();
    creator_counts().clear_new();
}

/// Writes a token into the first layout's creator index (host tests of `migrate`).
#[cfg(test)]
pub fn write_first_layout_owner(owner: Principal, id: Principal) {
    let mut counts = creator_counts();
    let n = counts.get(&owner).unwrap_or(0);
    creator_index().insert((owner, n), id);
    counts.insert(owner, n + 1);
}

/// Writes a template chunk as the first layout did (host tests; before the template store is opened).
#[cfg(test)]
pub fn write_first_layout_chunk(version: u32, index: u32, bytes: Vec<u8>) {
    let mut chunks: StableBTreeMap<(u32, u32), Vec<u8>, Memory> = StableBTreeMap::init(memory::get(memory::TEMPLATE_CHUNKS));
    chunks.insert((version, index), bytes);
}
