pub mod home;
pub mod not_found;
pub mod token_detail;
pub mod tokens;
pub mod account;
