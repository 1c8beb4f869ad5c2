//! The canister's certified data is the root hash of the responses' certification tree: rebuilt after
//! install, upgrade (the tree is heap state) and every commit.

use super::certification;

pub fn refresh() -> [u8; 32] {
    let root = certification::rebuild();
    canister_kit::system::set_certified_data(&root);
    root
}
