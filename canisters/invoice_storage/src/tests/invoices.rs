use crate::services::invoices;
use canister_kit::CallContext;
use candid::{Nat, Principal};
use icto_shared::contract::ContractType;
use icto_shared::invoice::*;

fn p(n: u8) -> Principal {
    Principal::from_slice(&[n, 4])
}

fn invoice(id: u8, user: Principal, status: InvoiceStatus, at: u64) -> Invoice {
    Invoice {
        payment_id: vec![id; 32],
        user,
        contract_type: ContractType::Token,
        amount: Nat::from(100u8),
        charge_block: Nat::from(1u8),
        created_at: at,
        status,
        canister_id: None,
        refund_amount: None,
        refund_block: None,
        note: None,
        updated_at: at,
    }
}

#[test]
fn only_the_backend_writes_idempotently_and_statuses_move_forward() {
    let (admin, backend, alice, bob) = (p(1), p(2), p(3), p(4));
    invoices::init(InvoiceInitArgs { admins: vec![admin], backend }).unwrap();
    let be = CallContext::for_test(backend, 5);
    assert_eq!(invoices::upsert(&CallContext::for_test(alice, 5), vec![invoice(1, alice, InvoiceStatus::Charged, 1)]), Err(InvoiceError::Unauthorized));
    invoices::upsert(&be, vec![invoice(1, alice, InvoiceStatus::Charged, 1), invoice(2, alice, InvoiceStatus::Charged, 2)]).unwrap();
    invoices::upsert(&be, vec![invoice(1, alice, InvoiceStatus::Charged, 1)]).unwrap();
    invoices::upsert(&be, vec![invoice(1, alice, InvoiceStatus::Completed, 3)]).unwrap();
    // A late resend of an earlier stage is ignored; a real regression is refused.
    invoices::upsert(&be, vec![invoice(1, alice, InvoiceStatus::Charged, 1)]).unwrap();
    assert!(matches!(
        invoices::upsert(&be, vec![invoice(1, alice, InvoiceStatus::Refunded, 4)]),
        Err(InvoiceError::StatusRegression { .. })
    ));
    let alice_ctx = CallContext::for_test(alice, 6);
    assert_eq!(invoices::get(&alice_ctx, &[1; 32]).unwrap().status, InvoiceStatus::Completed);
    assert_eq!(invoices::get(&CallContext::for_test(bob, 6), &[1; 32]), None, "not bob's");
    let mine = invoices::mine(&alice_ctx, 0, 10);
    assert_eq!(mine.total, 2);
    assert_eq!(mine.items[0].payment_id, vec![2; 32], "newest first");
    assert_eq!(invoices::of_user(&CallContext::for_test(bob, 6), alice, 0, 10), Err(InvoiceError::Unauthorized));
    assert_eq!(invoices::of_user(&CallContext::for_test(admin, 6), alice, 0, 10).unwrap().total, 2);
    assert!(invoices::upsert(&be, vec![Invoice { payment_id: vec![1; 3], ..invoice(9, alice, InvoiceStatus::Charged, 1) }]).is_err());
}
