use crate::services::{chain, settings};
use canister_kit::CallContext;
use candid::Principal;
use icto_shared::audit::*;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n, 3])
}

fn event(subject: Principal, n: u64) -> AuditEvent {
    AuditEvent { actor: subject, action: "deployment.charged".into(), subjects: vec![subject], payload: format!("n={n}"), occurred_at: n }
}

#[test]
fn writers_append_a_chain_that_verifies_against_the_certified_tip() {
    settings::init(AuditInitArgs { admins: vec![p(1)], writers: vec![p(2)] }).unwrap();
    let writer = CallContext::for_test(p(2), 10);
    assert_eq!(chain::append(&CallContext::for_test(p(3), 10), vec![event(p(5), 0)]), Err(AuditError::Unauthorized));
    assert_eq!(chain::append(&writer, vec![event(p(5), 0), event(p(6), 1)]), Ok(0));
    assert_eq!(chain::append(&writer, vec![event(p(5), 2)]), Ok(2));
    let too_big = AuditEvent { payload: "x".repeat(3_000), ..event(p(5), 3) };
    assert!(matches!(chain::append(&writer, vec![event(p(5), 3), too_big]), Err(AuditError::InvalidArgument(_))));
    let all = chain::entries(&CallContext::for_test(p(1), 11), 0, 100).unwrap();
    assert_eq!(all.total, 3, "the refused batch appended nothing");
    let certified = canister_kit::system::certified_data().unwrap();
    assert_eq!(verify_chain(&all.items, &certified), Ok(()));
    // Users read their own entries only; admins anyone's.
    assert_eq!(chain::mine(&CallContext::for_test(p(5), 11), 0, 10).total, 2);
    assert_eq!(chain::entries(&CallContext::for_test(p(5), 11), 0, 10), Err(AuditError::Unauthorized));
    assert_eq!(chain::of_user_checked(&CallContext::for_test(p(6), 11), p(5), 0, 10), Err(AuditError::Unauthorized));
    assert_eq!(chain::of_user_checked(&CallContext::for_test(p(1), 11), p(6), 0, 10).unwrap().total, 1);
}
