mod candid_interface;
mod migration;
mod services;
