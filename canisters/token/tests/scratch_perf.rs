mod common;
use candid::Nat;
use common::*;
#[test]
fn perf() {
    let initial: Vec<_> = (0..1000u64).map(|i| (account(10 + i), Nat::from(1_000_000u64))).collect();
    let l = Ledger::deploy(init_args(initial));
    for i in 0..5 {
        l.transfer(principal(10 + i), transfer_arg(account(20 + i), 100)).unwrap();
        println!("total {}", l.devnet.last_instructions());
    }
    for r in l.devnet.canister_logs(l.id) { println!("{}", String::from_utf8_lossy(&r.content)); }
}
