//! Factory logic, one module per domain. Services take a `CallContext` so host tests drive them; each
//! checks access on its first line and returns a typed error. Settings, templates and access rules are
//! the kit's (`canister_kit::factory`, on `access::Wallets`).

pub mod access;
pub mod relationships;
pub mod settings;
pub mod wallets;
