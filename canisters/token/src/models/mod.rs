pub mod account_key;
pub mod allowance;
pub mod block;
pub mod hash32;
pub mod settings;
pub mod tip;
pub mod account_text;
