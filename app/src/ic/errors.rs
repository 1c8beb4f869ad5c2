//! Turns what the network or a canister answered into a sentence a person can act on. The replica's own
//! text (reject codes, IC error codes) is for logs, never for the page.

/// A readable message for a failed call; `what` names the service ("the backend", "the payment ledger").
pub fn readable(what: &str, raw: &str) -> String {
    let has = |needle: &str| raw.contains(needle);
    if has("IC0301") || has("IC0302") || has("DestinationInvalid") {
        format!("{what} does not exist on this network. Check the address or go back to the dashboard.")
    } else if has("IC0508") || has("IC0509") || has("is stopped") || has("is stopping") {
        format!("{what} is stopped for maintenance. Try again later.")
    } else if has("IC0207") || has("out of cycles") || has("IC0504") {
        format!("{what} is out of cycles and cannot answer. Try again later.")
    } else if has("IC0503") || has("trapped") {
        format!("{what} failed while handling the request. Nothing was changed; try again.")
    } else if has("IC0406") || has("IC0516") || has("IC0536") || has("IC0537") || has("Unauthorized") {
        format!("{what} refused: you are not allowed to do this.")
    } else if has("timed out") || has("Timeout") || has("TimedOut") {
        format!("{what} did not answer in time. Check your connection and try again.")
    } else if has("fetch") || has("transport") || has("Transport") || has("NetworkError") || has("connection") {
        format!("Cannot reach {what}: check your connection and try again.")
    } else {
        format!("{what} could not handle the request. Try again.")
    }
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn replica_text_never_shows() {
        let raw = "deploy: The replica returned a rejection error: reject code DestinationInvalid, reject message \
                   Canister aaaaa-aa not found, error code Some(\"IC0301\")";
        let text = readable("The backend", raw);
        assert_eq!(text, "The backend does not exist on this network. Check the address or go back to the dashboard.");
        assert!(!readable("The ledger", "error code Some(\"IC0508\") canister is stopped").contains("IC0"));
        assert!(readable("The ledger", "something unknown").starts_with("The ledger could not"));
    }
}
