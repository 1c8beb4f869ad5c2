//! Ingress filter: refuses oversized or undecodable messages before they run (see `wire::ingress`).

use crate::wire::ingress;

#[ic_cdk::inspect_message]
fn inspect_message() {
    let method = ic_cdk::api::msg_method_name();
    // The size first: an oversized argument is not even copied.
    let verdict = ingress::check_size(&method, ic0::msg_arg_data_size())
        .and_then(|()| ingress::check(&method, &ic_cdk::api::msg_arg_data()));
    match verdict {
        Ok(()) => ic_cdk::api::accept_message(),
        // The trap message is the reject message the sender sees.
        Err(reason) => ic_cdk::trap(format!("message refused: {reason}")),
    }
}
