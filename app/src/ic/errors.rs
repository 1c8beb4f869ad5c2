//! What the person reads when a call fails: the agent's and replica's texts (reject codes, IC error codes,
//! transport failures) mapped to plain sentences. The raw text goes to the browser console, never on the
//! page. One classification, two phrasings: about "the canister" (pages that take any canister id) or
//! about a named service ("The backend", "The payment ledger").

/// What went wrong, as far as a person needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Failure {
    NoCanister,
    NoSuchMethod,
    OutOfCycles,
    Stopped,
    UnreadableReply,
    Trapped,
    Refused,
    SessionExpired,
    NotAllowed,
    Network,
    Unknown,
}

fn classify(raw: &str) -> Failure {
    let text = raw.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    if has(&["ic0301", "ic0302", "destinationinvalid", "canister not found", "canisternotfound"]) {
        Failure::NoCanister
    } else if has(&["ic0536", "has no query method", "has no update method", "method not found", "methodnotfound"]) {
        Failure::NoSuchMethod
    } else if has(&["ic0207", "ic0504", "out of cycles", "outofcycles", "frozen"]) {
        Failure::OutOfCycles
    } else if has(&["ic0508", "ic0509", "is stopped", "is stopping", "canisterstopped"]) {
        Failure::Stopped
    } else if has(&["cannot read the reply", "fail to decode", "failed to decode", "candid"]) {
        Failure::UnreadableReply
    } else if has(&["ic0502", "ic0503", "ic0505", "trapped", "canistererror", "canister_error", "panicked"]) {
        Failure::Trapped
    } else if has(&["ic0406", "canisterreject", "canister_reject"]) {
        Failure::Refused
    } else if has(&["expired", "ingress_expiry", "delegation", "invalid signature"]) {
        Failure::SessionExpired
    } else if has(&["not authorized", "unauthorized", "forbidden", "not allowed", "ic0516", "ic0537"]) {
        Failure::NotAllowed
    } else if has(&["failed to fetch", "networkerror", "network error", "timed out", "timeout", "connection",
        "transport", "systransient", "http 5"])
    {
        Failure::Network
    } else {
        Failure::Unknown
    }
}

/// A failed call's raw text as a sentence a person can act on, about a canister the person named.
pub fn readable_error(raw: &str) -> String {
    log_raw(raw);
    match classify(raw) {
        Failure::NoCanister => "Nothing is deployed at this address: no canister answers there. Check the canister id.",
        Failure::NoSuchMethod => {
            "This canister does not offer what was asked: it is not the kind of canister expected here (a token ledger?)."
        }
        Failure::OutOfCycles => "The canister is out of cycles and cannot answer. Its owner has to top it up.",
        Failure::Stopped => "The canister is stopped and cannot answer right now. Try again later.",
        Failure::UnreadableReply => {
            "The canister answered in an unexpected format: it is not the kind of canister expected here."
        }
        Failure::Trapped => "The canister failed while answering. Nothing was changed by this request.",
        Failure::Refused => "The canister refused the request.",
        Failure::SessionExpired => "Your session is no longer accepted by the network. Log out and log in again.",
        Failure::NotAllowed => "You are not allowed to do this.",
        Failure::Network => "No answer from the network. Check your connection and try again.",
        Failure::Unknown => "Something went wrong talking to the network. Try again; if it keeps failing, reload the page.",
    }
    .to_string()
}

/// The same, about one of the platform's own services; `what` names it ("The backend", "The payment ledger").
pub fn readable(what: &str, raw: &str) -> String {
    log_raw(raw);
    match classify(raw) {
        Failure::NoCanister => format!("{what} does not exist on this network. Check the address or go back to the dashboard."),
        Failure::NoSuchMethod | Failure::UnreadableReply => {
            format!("{what} answered in a way this app does not understand: the app may be older than it. Reload the page.")
        }
        Failure::OutOfCycles => format!("{what} is out of cycles and cannot answer. Try again later."),
        Failure::Stopped => format!("{what} is stopped for maintenance. Try again later."),
        Failure::Trapped => format!("{what} failed while handling the request. Nothing was changed; try again."),
        Failure::Refused | Failure::NotAllowed => format!("{what} refused: you are not allowed to do this."),
        Failure::SessionExpired => "Your session is no longer accepted by the network. Log out and log in again.".to_string(),
        Failure::Network => format!("Cannot reach {what}: check your connection and try again."),
        Failure::Unknown => format!("{what} could not handle the request. Try again."),
    }
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

    #[test]
    fn a_named_service_reads_in_its_own_name() {
        let raw = "deploy: The replica returned a rejection error: reject code DestinationInvalid, reject message \
                   Canister aaaaa-aa not found, error code Some(\"IC0301\")";
        let text = super::readable("The backend", raw);
        assert_eq!(text, "The backend does not exist on this network. Check the address or go back to the dashboard.");
        assert_plain(&text);
        let stopped = super::readable("The ledger", "error code Some(\"IC0508\") canister is stopped");
        assert_eq!(stopped, "The ledger is stopped for maintenance. Try again later.");
        assert!(super::readable("The ledger", "something unknown").starts_with("The ledger could not"));
    }
}
