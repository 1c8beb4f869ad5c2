//! Routing a user to a registry shard, shared by the app (which queries the user's shard directly, so
//! the dashboard's read stays one parallel round) and the backend (which forwards factories' reports to
//! the shard of each user). One shard today; `docs/scaling.md` says when and how there become more.

use candid::Principal;
use sha2::{Digest, Sha256};

/// The shard (0..shards) holding `user`'s relationships: the first 8 bytes of SHA-256 of the principal,
/// scaled to `shards` (so adding shards moves users between neighbouring ranges, never at random).
/// Hashing, rather than taking the principal's bytes, spreads canister and derived principals (which
/// share prefixes) as evenly as self-authenticating ones.
pub fn shard_of(user: &Principal, shards: u32) -> u32 {
    assert!(shards > 0, "at least one shard");
    let digest = Sha256::digest(user.as_slice());
    let head = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    ((head as u128 * shards as u128) >> 64) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_lands_in_range_and_one_shard_takes_everyone() {
        for n in 0..1_000u32 {
            let user = Principal::from_slice(&n.to_be_bytes());
            assert_eq!(shard_of(&user, 1), 0);
            assert!(shard_of(&user, 16) < 16);
            assert_eq!(shard_of(&user, 16), shard_of(&user, 16), "stable");
        }
    }

    #[test]
    fn sequential_principals_spread_evenly() {
        let mut counts = [0u32; 8];
        for n in 0..80_000u32 {
            counts[shard_of(&Principal::from_slice(&n.to_be_bytes()), 8) as usize] += 1;
        }
        // 10,000 expected per shard; a plain prefix split would put all of them in shard 0.
        assert!(counts.iter().all(|c| (9_500..10_500).contains(c)), "{counts:?}");
    }
}
