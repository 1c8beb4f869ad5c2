use candid::{CandidType, Deserialize, Principal};

#[derive(CandidType, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Settings {
    pub admins: Vec<Principal>,
    pub writers: Vec<Principal>,
    /// Who may read every entry besides the admins: the backend's admins, kept in step by the backend
    /// (a writer). Optional so that settings written before it existed still decode.
    pub readers: Option<Vec<Principal>>,
}
