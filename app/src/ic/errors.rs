//! What the person reads when a call fails: the agent's and replica's texts (reject codes, IC error codes,
//! transport failures) mapped to plain sentences. The raw text goes to the browser console, never on the
//! page.

/// A failed call's raw text as a sentence a person can act on.
pub fn readable_error(raw: &str) -> String {
    let text = raw.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(&n.to_ascii_lowercase()));
    let sentence = if has(&["ic0301", "destinationinvalid", "canister not found", "canisternotfound"]) {
        "Nothing is deployed at this address: no canister answers there. Check the canister id."
    } else if has(&["ic0536", "has no query method", "has no update method", "method not found",
        "methodnotfound"])
    {
        "This canister does not offer what was asked: it is not the kind of canister expected here (a token ledger?)."
    } else if has(&["ic0207", "out of cycles", "outofcycles", "frozen"]) {
        "The canister is out of cycles and cannot answer. Its owner has to top it up."
    } else if has(&["ic0508", "ic0509", "is stopped", "is stopping", "canisterstopped"]) {
        "The canister is stopped and cannot answer right now. Try again later."
    } else if has(&["cannot read the reply", "fail to decode", "failed to decode", "candid"]) {
        "The canister answered in an unexpected format: it is not the kind of canister expected here."
    } else if has(&["ic0502", "ic0503", "ic0505", "trapped", "canistererror", "canister_error", "panicked"]) {
        "The canister failed while answering. Nothing was changed by this request."
    } else if has(&["ic0406", "canisterreject", "canister_reject"]) {
        "The canister refused the request."
    } else if has(&["expired", "ingress_expiry", "delegation", "invalid signature"]) {
        "Your session is no longer accepted by the network. Log out and log in again."
    } else if has(&["not authorized", "unauthorized", "forbidden", "not allowed"]) {
        "You are not allowed to do this."
    } else if has(&["failed to fetch", "networkerror", "network error", "timed out", "timeout", "connection",
        "transport", "systransient", "http 5"])
    {
        "No answer from the network. Check your connection and try again."
    } else {
        "Something went wrong talking to the network. Try again; if it keeps failing, reload the page."
    };
    log_raw(raw);
    sentence.to_string()
}

#[cfg(target_arch = "wasm32")]
fn log_raw(raw: &str) {
    web_sys::console::warn_1(&format!("ICTO: a call failed: {raw}").into());
}

#[cfg(not(target_arch = "wasm32"))]
fn log_raw(_raw: &str) {}

#[cfg(test)]
mod tests {
    use super::readable_error;

    /// The agent's text for a query to a canister that does not exist (what /tokens/aaaaa-aa showed).
    const NO_CANISTER: &str = "icrc1_metadata: The replica returned a rejection error: reject code \
        DestinationInvalid, reject message Canister aaaaa-aa not found, error code Some(\"IC0301\")";

    fn assert_plain(text: &str) {
        for raw in ["reject code", "IC0", "DestinationInvalid", "replica", "Some("] {
            assert!(!text.contains(raw), "{text:?} shows raw text {raw:?}");
        }
    }

    #[test]
    fn a_missing_canister_says_nothing_is_there() {
        let text = readable_error(NO_CANISTER);
        assert!(text.starts_with("Nothing is deployed at this address"), "{text}");
        assert_plain(&text);
    }

    #[test]
    fn a_canister_without_the_method_is_not_a_ledger() {
        let text = readable_error(
            "icrc1_metadata: The replica returned a rejection error: reject code CanisterError, reject message \
             Canister rrkah-fqaaa-aaaaa-aaaaq-cai has no query method 'icrc1_metadata', error code Some(\"IC0536\")",
        );
        assert!(text.contains("not the kind of canister expected"), "{text}");
        assert_plain(&text);
    }

    #[test]
    fn a_trap_out_of_cycles_and_a_reject_read_differently() {
        let trap = readable_error("reject code CanisterError, reject message Canister trapped: oops, error code Some(\"IC0503\")");
        let cycles = readable_error("reject code SysTransient, reject message Canister x is out of cycles, error code Some(\"IC0207\")");
        let reject = readable_error("reject code CanisterReject, reject message no, error code Some(\"IC0406\")");
        assert!(trap.contains("failed while answering"), "{trap}");
        assert!(cycles.contains("out of cycles"), "{cycles}");
        assert_eq!(reject, "The canister refused the request.");
        for text in [trap, cycles, reject] {
            assert_plain(&text);
        }
    }

    #[test]
    fn transport_failures_and_undecodable_replies() {
        assert!(readable_error("TypeError: Failed to fetch").starts_with("No answer from the network"));
        assert!(readable_error("icrc1_metadata: cannot read the reply: Fail to decode argument 0")
            .contains("unexpected format"));
    }

    #[test]
    fn an_unknown_failure_still_reads_as_a_sentence() {
        let text = readable_error("reject code Unknown(42), reject message ??, error code None");
        assert!(text.starts_with("Something went wrong"), "{text}");
        assert_plain(&text);
    }
}
