//! Factory logic, one module per domain. Services take a `CallContext` so host tests drive them; each
//! checks access on its first line and returns a typed error.

pub mod access;
pub mod cycles_watch;
pub mod relationships;
pub mod settings;
pub mod tokens;
