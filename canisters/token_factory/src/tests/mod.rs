mod candid_interface;
mod cycles_watch;
mod migration;
mod services;
