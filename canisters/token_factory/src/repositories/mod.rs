//! Stable storage, one module per domain; `legacy` moves the first layout's data on upgrade.

pub mod cycles_watch;
pub mod legacy;
pub mod settings;
pub mod spares;
pub mod templates;
pub mod tokens;
