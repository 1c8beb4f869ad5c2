//! Stable storage, one module per domain.

pub mod deployments;
pub mod outbox;
pub mod rate_limits;
pub mod registry;
pub mod settings;
