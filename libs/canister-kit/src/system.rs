//! The few system calls the kit's pure code needs, isolated so the rest runs in host tests.

/// Ends the message with `message` as the reject text (a panic on the host, so tests see it).
pub fn trap(message: &str) -> ! {
    #[cfg(target_family = "wasm")]
    {
        ic_cdk::api::trap(message)
    }
    #[cfg(not(target_family = "wasm"))]
    {
        panic!("{message}")
    }
}

#[cfg(not(target_family = "wasm"))]
thread_local! {
    static CERTIFIED_DATA: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
}

/// Sets the canister's certified data (at most 32 bytes). On the host it is recorded for tests.
pub fn set_certified_data(data: &[u8]) {
    #[cfg(target_family = "wasm")]
    ic_cdk::api::certified_data_set(data);
    #[cfg(not(target_family = "wasm"))]
    CERTIFIED_DATA.with(|c| *c.borrow_mut() = Some(data.to_vec()));
}

/// What the code under test last set as certified data (host only).
#[cfg(not(target_family = "wasm"))]
pub fn certified_data() -> Option<Vec<u8>> {
    CERTIFIED_DATA.with(|c| c.borrow().clone())
}
