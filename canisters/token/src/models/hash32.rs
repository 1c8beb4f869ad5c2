//! A 32-byte hash as a fixed-size stable-structures key or value.

use ic_stable_structures::storable::{Bound, Storable};
use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Hash32(pub [u8; 32]);

impl Storable for Hash32 {
    fn to_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.0)
    }
    fn into_bytes(self) -> Vec<u8> {
        self.0.to_vec()
    }
    fn from_bytes(bytes: Cow<[u8]>) -> Self {
        let mut h = [0u8; 32];
        h.copy_from_slice(&bytes);
        Hash32(h)
    }
    const BOUND: Bound = Bound::Bounded { max_size: 32, is_fixed_size: true };
}
