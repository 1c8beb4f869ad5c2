//! A counter: the smallest useful update/query pair, used by the devnet benchmark.
use std::cell::Cell;

thread_local! {
    static COUNT: Cell<u64> = const { Cell::new(0) };
}

#[ic_cdk::update]
fn inc() -> u64 {
    COUNT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

#[ic_cdk::query]
fn get() -> u64 {
    COUNT.with(|c| c.get())
}
