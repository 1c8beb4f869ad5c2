//! The campaign form as typed, and everything the wizard shows about it as the person types: each field's
//! problem in the contract's own words (`CampaignConfig::validate`, `VestingSchedule::validate`) and the
//! `CampaignConfig` once there is none.
use candid::{Nat, Principal};
use icto_shared::distribution::{validate_header, Category, CampaignConfig, DistributionError};
use icto_shared::vesting::{VestingSchedule, VestingShape};
use serde::{Deserialize, Serialize};

use super::recipients::{self, Parsed};
use super::registration::{RegistrationCheck, RegistrationForm};
use super::schedule_form::CategoryForm;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignForm {
    pub title: String,
    /// "" for the payment token, "other" for a pasted ledger id, else one of my tokens' ledger id.
    pub token_choice: String,
    pub token_other: String,
    pub categories: Vec<CategoryForm>,
    pub recipients: String,
    pub allow_pause: bool,
    pub allow_cancel: bool,
    #[serde(default)]
    pub registration: RegistrationForm,
}

impl CampaignForm {
    pub fn new() -> CampaignForm {
        CampaignForm {
            title: String::new(),
            token_choice: String::new(),
            token_other: String::new(),
            categories: vec![CategoryForm::new("Recipients")],
            recipients: String::new(),
            allow_pause: true,
            allow_cancel: false,
            registration: RegistrationForm { places: "100".into(), ..Default::default() },
        }
    }

    /// The ledger chosen, or why the pasted id is not one.
    pub fn ledger(&self, payment_ledger: Principal) -> Result<Principal, String> {
        match self.token_choice.as_str() {
            "" => Ok(payment_ledger),
            "other" => Principal::from_text(self.token_other.trim())
                .map_err(|_| "Paste the token's ledger canister id, like ryjl3-tyaaa-aaaaa-aaaba-cai.".to_string()),
            id => Principal::from_text(id).map_err(|_| "Choose a token.".to_string()),
        }
    }

    pub fn category_names(&self) -> Vec<String> {
        self.categories.iter().map(|c| c.name.clone()).collect()
    }
}

/// The form checked against a token's decimals: what each part shows, and the config when nothing is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub title: Option<String>,
    pub categories: Vec<Option<String>>,
    pub recipients: Parsed,
    /// A problem of the whole campaign (duplicates, too many rows, no recipients).
    pub campaign: Option<String>,
    pub config: Option<CampaignConfig>,
    pub allocated: Nat,
    pub registration: RegistrationCheck,
}

pub fn check(form: &CampaignForm, me: Principal, ledger: Principal, decimals: u8, now_nanos: u64, local_time: &dyn Fn(&str) -> Option<u64>) -> Checked {
    let placeholder = Category {
        name: "Category".into(),
        schedule: VestingSchedule { start_nanos: 0, initial_unlock_bps: 0, shape: VestingShape::Instant },
    };
    let title = validate_header(&form.title, &[placeholder]).err().map(|e| match e {
        DistributionError::TitleLength { min, max } => format!("The title must be {min} to {max} characters, without line breaks."),
        other => crate::ic::distribution::describe_simple(&other, decimals, ""),
    });
    let category_errors: Vec<Option<String>> = form.categories.iter().map(|c| c.error(now_nanos, local_time)).collect();
    let parsed = recipients::parse(&form.recipients, decimals, &form.category_names());
    let allocated = parsed.rows.iter().fold(Nat::from(0u8), |sum, r| sum + r.amount.clone());
    let categories: Vec<Category> = form.categories.iter().filter_map(|c| c.to_category(now_nanos, local_time).ok()).collect();
    let registration = form.registration.check(form.categories.len(), decimals, now_nanos, local_time);
    let registration_ok = registration.error.is_none() && registration.whitelist_errors.is_empty();
    let mut campaign = None;
    let mut config = None;
    if title.is_none() && category_errors.iter().all(Option::is_none) && parsed.errors.is_empty() && registration_ok {
        let candidate = CampaignConfig {
            token_ledger: ledger,
            title: form.title.clone(),
            categories,
            recipients: parsed.rows.clone(),
            allow_pause: form.allow_pause,
            allow_cancel: form.allow_cancel,
            registration: registration.registration.clone(),
        };
        match candidate.validate(me) {
            Err(e) => campaign = Some(crate::ic::distribution::describe_distribution_error(&e, &|row| parsed.line_of(row), decimals, "")),
            Ok(()) if candidate.recipients.is_empty() && candidate.registration.is_none() => {
                campaign = Some("Add at least one recipient, or let people register themselves.".into())
            }
            Ok(()) => config = Some(candidate),
        }
    } else if form.categories.is_empty() {
        campaign = Some("Add at least one category.".into());
    }
    Checked { title, categories: category_errors, recipients: parsed, campaign, config, allocated, registration }
}

/// What the creator must send to the campaign before activating it: every allocation plus one ledger fee
/// per recipient row, and at most `max_registrants × (amount + fee)` more if every place is taken.
pub fn to_fund(config: &CampaignConfig, ledger_fee: &Nat) -> Nat {
    let allocated = config.recipients.iter().fold(Nat::from(0u8), |sum, r| sum + r.amount.clone());
    allocated + ledger_fee.clone() * Nat::from(config.recipients.len()) + registrants_max(config, ledger_fee)
}

/// The most self-registration can add to the funding: every place taken, each with its ledger fee.
pub fn registrants_max(config: &CampaignConfig, ledger_fee: &Nat) -> Nat {
    config.registration.as_ref().map_or(Nat::from(0u8), |r| Nat::from(r.max_registrants) * (r.amount.clone() + ledger_fee.clone()))
}
