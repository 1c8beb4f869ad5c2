use candid::{CandidType, Deserialize, Principal};

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Settings {
    pub admins: Vec<Principal>,
    pub writers: Vec<Principal>,
}
