//! Integration tests only: see `tests/`. They need every platform canister built
//! (`scripts/build-canisters`).
