mod candid_interface;
mod services;
mod registration;
mod progress;
