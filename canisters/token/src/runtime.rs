//! The one system call services make (certifying the tip); on the host it records the value so unit
//! tests can check it.

#[cfg(target_family = "wasm")]
pub fn set_certified_data(data: &[u8; 32]) {
    ic_cdk::api::certified_data_set(data);
}

#[cfg(not(target_family = "wasm"))]
thread_local! {
    static CERTIFIED: std::cell::Cell<Option<[u8; 32]>> = const { std::cell::Cell::new(None) };
}

#[cfg(not(target_family = "wasm"))]
pub fn set_certified_data(data: &[u8; 32]) {
    CERTIFIED.with(|c| c.set(Some(*data)));
}

#[cfg(not(target_family = "wasm"))]
pub fn certified_data() -> Option<[u8; 32]> {
    CERTIFIED.with(|c| c.get())
}
