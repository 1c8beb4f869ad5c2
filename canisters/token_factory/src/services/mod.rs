//! Factory logic. Services take the caller and time as arguments so host tests drive them directly.

pub mod access;
pub mod admin;
pub mod config_validation;
pub mod deploy;
pub mod in_flight;
pub mod management;
pub mod queries;
pub mod templates;
