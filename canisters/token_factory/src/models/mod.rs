pub mod candid_storable;
pub mod state;
