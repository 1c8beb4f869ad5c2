//! The kinds of contract the platform deploys, one factory each. The backend's paid flow, its fees and
//! flags, and its registry are per contract type; a new type is a variant here and an adapter in the
//! backend.

use candid::{CandidType, Deserialize};
use serde::Serialize;

#[derive(CandidType, Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContractType {
    Token,
    Distribution,
    Multisig,
    Dao,
    Launchpad,
}

impl ContractType {
    pub const ALL: [ContractType; 5] =
        [ContractType::Token, ContractType::Distribution, ContractType::Multisig, ContractType::Dao, ContractType::Launchpad];

    /// A stable one-byte code for stable-memory keys (never renumber).
    pub fn code(self) -> u8 {
        match self {
            ContractType::Token => 0,
            ContractType::Distribution => 1,
            ContractType::Multisig => 2,
            ContractType::Dao => 3,
            ContractType::Launchpad => 4,
        }
    }

    pub fn from_code(code: u8) -> Option<ContractType> {
        ContractType::ALL.into_iter().find(|t| t.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_distinct() {
        for t in ContractType::ALL {
            assert_eq!(ContractType::from_code(t.code()), Some(t));
        }
        assert_eq!(ContractType::from_code(5), None);
    }
}
