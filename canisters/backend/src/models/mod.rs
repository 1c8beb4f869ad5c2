pub mod deployment;
pub mod settings;
