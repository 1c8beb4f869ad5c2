mod candid_interface;
mod services;
