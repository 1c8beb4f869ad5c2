//! Backend logic, one module per domain. Services take a `CallContext` so host tests drive them; each
//! checks access on its first line and returns a typed error.

pub mod access;
pub mod contracts;
pub mod deployments;
pub mod outbox;
pub mod payment;
pub mod rate_limits;
pub mod refunds;
pub mod registry;
pub mod settings;
