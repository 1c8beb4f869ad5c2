//! Self-registration as typed: the window (empty: from the review, for one day), the places, each
//! registrant's amount and category, and the optional whitelist (one principal a line, errors by line);
//! checked with the contract's own `Registration::validate`.
use candid::Principal;
use icto_shared::distribution::{DistributionError, Registration};
use serde::{Deserialize, Serialize};

use crate::format::parse_amount;

const DAY_NANOS: u64 = 86_400 * 1_000_000_000;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistrationForm {
    pub enabled: bool,
    /// `datetime-local` texts in the person's time zone; empty: at the review, and one day after it opens.
    pub opens: String,
    pub closes: String,
    pub places: String,
    pub amount: String,
    pub category: u32,
    pub whitelist_only: bool,
    pub whitelist: String,
}

/// What the registration section shows: one problem of the settings, each whitelist line's problem.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegistrationCheck {
    pub error: Option<String>,
    pub whitelist_errors: Vec<(usize, String)>,
    pub registration: Option<Registration>,
}

/// The whitelist's principals and each line's problem (empty lines and `#` comments skipped).
pub fn parse_whitelist(text: &str) -> (Vec<Principal>, Vec<(usize, String)>) {
    let (mut principals, mut errors) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match Principal::from_text(line) {
            Ok(p) if p == Principal::anonymous() => errors.push((i + 1, "the anonymous principal cannot be whitelisted.".into())),
            Ok(p) if principals.contains(&p) => errors.push((i + 1, "this principal is already listed.".into())),
            Ok(p) => principals.push(p),
            Err(_) => errors.push((i + 1, format!("\"{line}\" is not a principal."))),
        }
    }
    (principals, errors)
}

impl RegistrationForm {
    pub fn check(&self, categories: usize, decimals: u8, now_nanos: u64, local_time: &dyn Fn(&str) -> Option<u64>) -> RegistrationCheck {
        let mut check = RegistrationCheck::default();
        if !self.enabled {
            return check;
        }
        let whitelist = if self.whitelist_only {
            let (principals, errors) = parse_whitelist(&self.whitelist);
            check.whitelist_errors = errors;
            principals
        } else {
            Vec::new()
        };
        match self.read(categories, decimals, now_nanos, local_time, whitelist) {
            Err(e) => check.error = Some(e),
            Ok(_) if !check.whitelist_errors.is_empty() => {}
            Ok(r) => match r.validate(categories) {
                Err(DistributionError::InvalidRegistration { reason }) => check.error = Some(sentence(&reason)),
                Err(other) => check.error = Some(crate::ic::distribution::describe_simple(&other, decimals, "")),
                Ok(()) => check.registration = Some(r),
            },
        }
        check
    }

    fn read(&self, categories: usize, decimals: u8, now: u64, local_time: &dyn Fn(&str) -> Option<u64>, whitelist: Vec<Principal>) -> Result<Registration, String> {
        let time = |text: &str, default: u64, what: &str| match text.trim() {
            "" => Ok(default),
            t => local_time(t).ok_or(format!("The registration {what} must be a date and time.")),
        };
        let opens_at = time(&self.opens, now, "opening")?;
        let closes_at = time(&self.closes, opens_at + DAY_NANOS, "closing")?;
        let max_registrants = self.places.trim().parse::<u64>()
            .map_err(|_| "The number of places must be a whole number.".to_string())?;
        let amount = parse_amount(&self.amount, decimals).map_err(|e| format!("Amount per registrant: {}", e.to_lowercase()))?;
        let category = self.category.min(categories.saturating_sub(1) as u32);
        Ok(Registration { opens_at, closes_at, max_registrants, category, amount, whitelist_only: self.whitelist_only, whitelist })
    }
}

/// The contract's reason ("the window must close after it opens") as a sentence.
fn sentence(reason: &str) -> String {
    let mut s: String = reason.chars().take(1).flat_map(char::to_uppercase).chain(reason.chars().skip(1)).collect();
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_the_window_places_and_whitelist_by_line() {
        let p = Principal::from_slice(&[1, 2, 3]).to_text();
        let mut form = RegistrationForm { enabled: true, places: "2".into(), amount: "1.5".into(), ..Default::default() };
        let at = |t: &str| t.parse::<u64>().ok();
        let ok = form.check(1, 8, 10, &at);
        assert_eq!(ok.registration.as_ref().map(|r| (r.opens_at, r.closes_at, r.max_registrants)), Some((10, 10 + DAY_NANOS, 2)));
        form.closes = "5".into();
        assert_eq!(form.check(1, 8, 10, &at).error.as_deref(), Some("The window must close after it opens."));
        form.closes = String::new();
        form.whitelist_only = true;
        form.whitelist = format!("{p}\nnope\n{p}");
        let lines: Vec<usize> = form.check(1, 8, 10, &at).whitelist_errors.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3]);
    }
}
