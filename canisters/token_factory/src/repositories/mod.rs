pub mod state;
pub mod templates;
pub mod tokens;
