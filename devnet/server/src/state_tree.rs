//! A labeled state tree and its witnesses: the full tree is built from the replica's state, then
//! `witness(paths)` reveals the requested paths and prunes the rest, as read_state answers require.

use ic_certification::hash_tree::{empty, fork, fork_hash, label, labeled_hash, leaf, leaf_hash, pruned, HashTree};
use std::collections::BTreeMap;

pub type Tree = HashTree<Vec<u8>>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Leaf(Vec<u8>),
    Subtree(BTreeMap<Vec<u8>, Node>),
}

impl Default for Node {
    fn default() -> Self {
        Node::Subtree(BTreeMap::new())
    }
}

impl Node {
    /// Inserts a leaf at `path`, creating subtrees on the way.
    pub fn insert(&mut self, path: &[&[u8]], value: Vec<u8>) {
        let Node::Subtree(children) = self else { return };
        let (first, rest) = path.split_first().expect("empty path");
        if rest.is_empty() {
            children.insert(first.to_vec(), Node::Leaf(value));
        } else {
            children.entry(first.to_vec()).or_default().insert(rest, value);
        }
    }

    pub fn digest(&self) -> [u8; 32] {
        match self {
            Node::Leaf(v) => leaf_hash(v),
            Node::Subtree(children) => {
                let entries: Vec<_> = children.iter().collect();
                range_digest(&entries)
            }
        }
    }

    /// The whole tree, nothing pruned.
    pub fn full(&self) -> Tree {
        match self {
            Node::Leaf(v) => leaf(v.clone()),
            Node::Subtree(children) => {
                let entries: Vec<_> = children.iter().collect();
                build_range(&entries, &|_, node| node.full())
            }
        }
    }

    /// A witness revealing every requested path (each a prefix: all below it is revealed); where a
    /// requested label is missing, its neighbours stay visible so the client can prove absence.
    pub fn witness(&self, paths: &[Vec<Vec<u8>>]) -> Tree {
        if paths.iter().any(|p| p.is_empty()) {
            return self.full();
        }
        match self {
            Node::Leaf(v) => leaf(v.clone()),
            Node::Subtree(children) => {
                let mut by_label: BTreeMap<&[u8], Vec<Vec<Vec<u8>>>> = BTreeMap::new();
                let mut any_absent = false;
                for path in paths {
                    if !children.contains_key(&path[0]) {
                        any_absent = true;
                    }
                    by_label.entry(&path[0]).or_default().push(path[1..].to_vec());
                }
                let entries: Vec<_> = children.iter().collect();
                let wanted = |l: &Vec<u8>| by_label.contains_key(l.as_slice());
                witness_range(&entries, &wanted, any_absent, &|l, node| match by_label.get(l.as_slice()) {
                    Some(sub) => node.witness(sub),
                    None => pruned(node.digest()),
                })
            }
        }
    }
}

type Entry<'a> = (&'a Vec<u8>, &'a Node);

fn range_digest(entries: &[Entry<'_>]) -> [u8; 32] {
    match entries {
        [] => empty::<Vec<u8>>().digest(),
        [(l, node)] => labeled_hash(l, &node.digest()),
        _ => {
            let (left, right) = entries.split_at(entries.len() / 2);
            fork_hash(&range_digest(left), &range_digest(right))
        }
    }
}

fn build_range(entries: &[Entry<'_>], child: &dyn Fn(&Vec<u8>, &Node) -> Tree) -> Tree {
    match entries {
        [] => empty(),
        [(l, node)] => label(l.to_vec(), child(l, node)),
        _ => {
            let (left, right) = entries.split_at(entries.len() / 2);
            fork(build_range(left, child), build_range(right, child))
        }
    }
}

/// Like `build_range`, but prunes whole ranges holding no requested label. With an absent label
/// requested, all labels at this level stay visible (content pruned) to prove the absence.
fn witness_range(
    entries: &[Entry<'_>],
    wanted: &dyn Fn(&Vec<u8>) -> bool,
    show_labels: bool,
    child: &dyn Fn(&Vec<u8>, &Node) -> Tree,
) -> Tree {
    if !show_labels && !entries.iter().any(|(l, _)| wanted(l)) {
        return if entries.is_empty() { empty() } else { pruned(range_digest(entries)) };
    }
    match entries {
        [] => empty(),
        [(l, node)] => label(l.to_vec(), child(l, node)),
        _ => {
            let (left, right) = entries.split_at(entries.len() / 2);
            fork(
                witness_range(left, wanted, show_labels, child),
                witness_range(right, wanted, show_labels, child),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ic_certification::LookupResult;

    fn sample() -> Node {
        let mut root = Node::default();
        root.insert(&[b"time"], vec![1]);
        root.insert(&[b"canister", b"c1", b"module_hash"], vec![2; 32]);
        root.insert(&[b"canister", b"c1", b"controllers"], vec![3]);
        root.insert(&[b"canister", b"c2", b"module_hash"], vec![4; 32]);
        root.insert(&[b"subnet", b"s", b"public_key"], vec![5]);
        root
    }

    fn p(parts: &[&[u8]]) -> Vec<Vec<u8>> {
        parts.iter().map(|x| x.to_vec()).collect()
    }

    #[test]
    fn witness_keeps_the_root_hash_and_reveals_only_requested_paths() {
        let root = sample();
        let witness = root.witness(&[p(&[b"time"]), p(&[b"canister", b"c1", b"module_hash"])]);
        assert_eq!(witness.digest(), root.digest());
        assert_eq!(root.full().digest(), root.digest());
        assert!(matches!(witness.lookup_path([b"time".as_slice()]), LookupResult::Found(v) if v == [1]));
        assert!(matches!(
            witness.lookup_path([b"canister".as_slice(), b"c1", b"module_hash"]),
            LookupResult::Found(v) if v == [2; 32]
        ));
        assert!(matches!(
            witness.lookup_path([b"canister".as_slice(), b"c1", b"controllers"]),
            LookupResult::Unknown
        ));
        assert!(matches!(witness.lookup_path([b"subnet".as_slice(), b"s", b"public_key"]), LookupResult::Unknown));
    }

    #[test]
    fn witness_proves_absence_of_a_missing_label() {
        let root = sample();
        let witness = root.witness(&[p(&[b"canister", b"c3", b"module_hash"])]);
        assert_eq!(witness.digest(), root.digest());
        assert!(matches!(
            witness.lookup_path([b"canister".as_slice(), b"c3", b"module_hash"]),
            LookupResult::Absent
        ));
    }

    #[test]
    fn prefix_paths_reveal_whole_subtrees() {
        let root = sample();
        let witness = root.witness(&[p(&[b"canister", b"c1"])]);
        assert!(matches!(
            witness.lookup_path([b"canister".as_slice(), b"c1", b"controllers"]),
            LookupResult::Found(v) if v == [3]
        ));
    }
}
