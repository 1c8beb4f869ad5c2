//! How a user relates to a contract canister. Contracts report these to their factory, factories to the
//! backend's registry; both index them by user.

use candid::{CandidType, Deserialize};
use serde::Serialize;

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Created the contract (or received it from its creator).
    Owner,
    /// Receives tokens from it (a distribution's recipient, a launchpad's buyer).
    Recipient,
    /// Signs its proposals (a multisig wallet).
    Signer,
    /// May read it without acting (a multisig observer).
    Observer,
    /// Votes in it (a DAO member).
    Member,
    /// Takes part in it (a launchpad participant).
    Participant,
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Owner, Role::Recipient, Role::Signer, Role::Observer, Role::Member, Role::Participant];

    /// A stable one-byte code for stable-memory keys (never renumber).
    pub fn code(self) -> u8 {
        match self {
            Role::Owner => 0,
            Role::Recipient => 1,
            Role::Signer => 2,
            Role::Observer => 3,
            Role::Member => 4,
            Role::Participant => 5,
        }
    }

    pub fn from_code(code: u8) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_distinct() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        let mut codes: Vec<u8> = Role::ALL.iter().map(|r| r.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), Role::ALL.len());
        assert_eq!(Role::from_code(6), None);
    }
}
