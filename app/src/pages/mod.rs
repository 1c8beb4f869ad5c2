pub mod admin;
pub mod dashboard;
pub mod deploy_token;
pub mod home;
pub mod not_found;
pub mod payments;
pub mod token_detail;
pub mod tokens;
