//! The provider's Candid types (its public interface) and what it stores.

pub mod api;
