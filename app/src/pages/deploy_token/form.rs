//! The token form: what the person typed, turned into a `TokenConfig` and checked field by field with the
//! factory's own rules (`icto_shared::token_config::validate`), so the limits are never copied here.
use candid::{Nat, Principal};
use icto_shared::token::Account;
use icto_shared::token_config::validate;
use icto_shared::token_factory::{ConfigError, TokenConfig};
use serde::{Deserialize, Serialize};

use crate::format::parse_amount;

/// The form as typed; kept in sessionStorage with the request key so a reload resumes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenForm {
    pub name: String,
    pub symbol: String,
    pub decimals: String,
    pub transfer_fee: String,
    pub supply: String,
    pub fixed_supply: bool,
    pub description: String,
    pub website: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Symbol,
    Decimals,
    TransferFee,
    Supply,
    Description,
    Website,
}

impl TokenForm {
    pub fn new() -> TokenForm {
        TokenForm { decimals: "8".into(), transfer_fee: "0.0001".into(), ..TokenForm::default() }
    }

    fn decimals(&self) -> Result<u8, String> {
        self.decimals.trim().parse::<u8>().map_err(|_| "Decimals must be a whole number like 8.".to_string())
    }

    /// The config this form asks for, or the first reason it cannot be one (with its field).
    pub fn to_config(&self, owner: Principal) -> Result<TokenConfig, (Field, String)> {
        let decimals = self.decimals().map_err(|e| (Field::Decimals, e))?;
        let config = self.config_with(owner, decimals)?;
        validate(owner, &config).map_err(|e| (field_of(&e), describe_config_error(&e)))?;
        Ok(config)
    }

    fn config_with(&self, owner: Principal, decimals: u8) -> Result<TokenConfig, (Field, String)> {
        let transfer_fee = amount_or_zero(&self.transfer_fee, decimals).map_err(|e| (Field::TransferFee, e))?;
        let supply = amount_or_zero(&self.supply, decimals).map_err(|e| (Field::Supply, e))?;
        let optional = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_string());
        Ok(TokenConfig {
            name: self.name.clone(),
            symbol: self.symbol.clone(),
            decimals,
            transfer_fee,
            logo: None,
            description: optional(&self.description),
            website: optional(&self.website),
            initial_balances: if supply == Nat::from(0u8) { vec![] } else { vec![(Account::of(owner), supply)] },
            minting_account: None,
            fee_collector: None,
            fixed_supply: Some(self.fixed_supply),
        })
    }

    /// What is wrong with one field, judged alone: the other fields are replaced by valid values, so each
    /// field shows its own error as the person types.
    pub fn field_error(&self, field: Field, owner: Principal) -> Option<String> {
        let mut alone = TokenForm {
            name: "Valid name".into(),
            symbol: "VALID".into(),
            decimals: "8".into(),
            transfer_fee: "1".into(),
            supply: "0".into(),
            ..TokenForm::default()
        };
        // Amounts are read in the token's decimals: while those are invalid, only the decimals field errs.
        let decimals_valid = self.decimals_pass_alone(owner);
        match field {
            Field::Name => alone.name = self.name.clone(),
            Field::Symbol => alone.symbol = self.symbol.clone(),
            Field::Decimals => alone.decimals = self.decimals.clone(),
            Field::TransferFee => {
                alone.decimals = self.decimals.clone();
                alone.transfer_fee = self.transfer_fee.clone();
                if !decimals_valid {
                    return None;
                }
            }
            Field::Supply => {
                alone.decimals = self.decimals.clone();
                alone.supply = if self.supply.trim().is_empty() { "0".into() } else { self.supply.clone() };
                if !decimals_valid {
                    return None;
                }
            }
            Field::Description => alone.description = self.description.clone(),
            Field::Website => alone.website = self.website.clone(),
        }
        alone.to_config(owner).err().map(|(_, message)| message)
    }
}

impl TokenForm {
    /// Whether the decimals field alone passes the factory's rules.
    fn decimals_pass_alone(&self, owner: Principal) -> bool {
        let alone = TokenForm {
            name: "Valid name".into(),
            symbol: "VALID".into(),
            decimals: self.decimals.clone(),
            transfer_fee: "1".into(),
            supply: "0".into(),
            ..TokenForm::default()
        };
        alone.to_config(owner).is_ok()
    }
}

/// An amount as typed, where zero is a value (no initial supply; a zero fee the factory's rules refuse in
/// their own words) rather than a typing mistake.
fn amount_or_zero(text: &str, decimals: u8) -> Result<Nat, String> {
    let zero = !text.trim().is_empty() && text.trim().chars().all(|c| c == '0' || c == '.');
    if zero && text.trim().matches('.').count() <= 1 && text.trim() != "." {
        return Ok(Nat::from(0u8));
    }
    parse_amount(text, decimals)
}

fn field_of(error: &ConfigError) -> Field {
    use ConfigError::*;
    match error {
        NameLength { .. } | NameCharacters => Field::Name,
        SymbolLength { .. } | SymbolCharacters | ReservedSymbol(_) => Field::Symbol,
        DecimalsTooLarge { .. } => Field::Decimals,
        FeeTooLarge | ZeroFee => Field::TransferFee,
        DescriptionTooLong { .. } | DescriptionCharacters => Field::Description,
        WebsiteTooLong { .. } | WebsiteNotHttpsUrl => Field::Website,
        _ => Field::Supply,
    }
}

pub fn describe_config_error(error: &ConfigError) -> String {
    use ConfigError::*;
    match error {
        NameLength { min, max } => format!("The name must be {min} to {max} characters, without leading or trailing spaces."),
        NameCharacters => "The name may not contain control or text-direction characters.".into(),
        SymbolLength { min, max } => format!("The symbol must be {min} to {max} characters."),
        SymbolCharacters => "The symbol may contain only letters A-Z and digits.".into(),
        ReservedSymbol(symbol) => format!("{symbol} is reserved for a well-known token; choose another symbol."),
        DecimalsTooLarge { max } => format!("At most {max} decimals."),
        FeeTooLarge => "The transfer fee is too large.".into(),
        ZeroFee => "The transfer fee must be above zero (free transfers let anyone flood the ledger).".into(),
        DescriptionTooLong { max } => format!("The description may have at most {max} characters."),
        DescriptionCharacters => "The description may not contain control or text-direction characters.".into(),
        WebsiteTooLong { max } => format!("The website may have at most {max} characters."),
        WebsiteNotHttpsUrl => "The website must be an https:// address with a host name.".into(),
        LogoTooLarge { max_bytes } => format!("The logo may be at most {max_bytes} bytes."),
        LogoNotDataUrl => "The logo must be an image data URL.".into(),
        TooManyInitialBalances { max } => format!("At most {max} initial balances."),
        InitialBalanceTooLarge { .. } | InitialBalancesOverflow => "The initial supply is too large.".into(),
        BalanceForMintingAccount { .. } => "An initial balance may not go to the minting account.".into(),
        AnonymousOwner => "Log in first: the token is created for your account.".into(),
        AnonymousMintingAccount => "The minting account may not be the anonymous principal.".into(),
        FeeCollectorIsMintingAccount => "The fee collector may not be the minting account.".into(),
        MintingAccountWithFixedSupply => "A fixed-supply token has no minting account.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner() -> Principal {
        Principal::from_slice(&[1, 2, 3])
    }

    fn filled() -> TokenForm {
        TokenForm { name: "Alice Coin".into(), symbol: "ALC".into(), supply: "1000".into(), ..TokenForm::new() }
    }

    #[test]
    fn a_filled_form_is_a_valid_config() {
        let config = filled().to_config(owner()).unwrap();
        assert_eq!(config.initial_balances, vec![(Account::of(owner()), Nat::from(100_000_000_000u64))]);
        assert_eq!(config.transfer_fee, Nat::from(10_000u32));
    }

    #[test]
    fn each_field_reports_its_own_error() {
        let form = TokenForm { name: "A".into(), symbol: "ICP".into(), website: "http://x".into(), ..filled() };
        assert!(form.field_error(Field::Name, owner()).unwrap().contains("3 to 32"));
        assert!(form.field_error(Field::Symbol, owner()).unwrap().contains("reserved"));
        assert!(form.field_error(Field::Website, owner()).unwrap().contains("https://"));
        assert_eq!(form.field_error(Field::Supply, owner()), None);
        let form = TokenForm { decimals: "19".into(), transfer_fee: "0".into(), ..filled() };
        assert_eq!(form.field_error(Field::Decimals, owner()).unwrap(), "At most 18 decimals.");
        assert_eq!(form.field_error(Field::TransferFee, owner()), None, "only the decimals err while they are invalid");
        assert_eq!(form.to_config(owner()).unwrap_err().0, Field::Decimals);
        let form = TokenForm { transfer_fee: "0".into(), ..filled() };
        assert!(form.field_error(Field::TransferFee, owner()).unwrap().contains("above zero"));
    }

    #[test]
    fn amounts_are_read_in_the_tokens_decimals() {
        let form = TokenForm { decimals: "2".into(), transfer_fee: "0.001".into(), ..filled() };
        assert_eq!(form.field_error(Field::TransferFee, owner()).unwrap(), "At most 2 digits after the point.");
    }
}
