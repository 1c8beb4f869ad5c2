use candid::{CandidType, Deserialize, Principal};

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq)]
pub struct Settings {
    pub admins: Vec<Principal>,
    pub backend: Principal,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { admins: vec![], backend: Principal::anonymous() }
    }
}
