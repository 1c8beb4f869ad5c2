mod candid_interface;
mod files;
