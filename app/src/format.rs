//! Token amounts: base units (Nat) <-> decimal text.
use candid::Nat;

/// Formats base units with `decimals` digits after the point, trimming trailing zeros.
pub fn format_amount(units: &Nat, decimals: u8) -> String {
    let digits = units.0.to_string();
    let decimals = decimals as usize;
    if decimals == 0 {
        return digits;
    }
    let padded = format!("{digits:0>width$}", width = decimals + 1);
    let (whole, fraction) = padded.split_at(padded.len() - decimals);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// Parses a decimal amount typed by a person into base units; refuses more fraction digits than the token has.
pub fn parse_amount(text: &str, decimals: u8) -> Result<Nat, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter an amount.".into());
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !all_digits(whole) || !all_digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return Err("The amount must be a number like 12.5.".into());
    }
    if fraction.len() > decimals as usize {
        return Err(format!("At most {decimals} digits after the point."));
    }
    let units = format!("{whole}{fraction:0<width$}", width = decimals as usize);
    let units = units.trim_start_matches('0');
    let value: candid::Nat = if units.is_empty() {
        Nat::from(0u8)
    } else {
        units.parse::<Nat>().map_err(|_| "The amount is too large.".to_string())?
    };
    if value == Nat::from(0u8) {
        return Err("The amount must be more than zero.".into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_decimals() {
        assert_eq!(format_amount(&Nat::from(123_456_789u64), 8), "1.23456789");
        assert_eq!(format_amount(&Nat::from(100_000_000u64), 8), "1");
        assert_eq!(format_amount(&Nat::from(5u64), 3), "0.005");
        assert_eq!(format_amount(&Nat::from(42u64), 0), "42");
    }

    #[test]
    fn parses_decimal_text() {
        assert_eq!(parse_amount("1.5", 8), Ok(Nat::from(150_000_000u64)));
        assert_eq!(parse_amount(" 0.00000001 ", 8), Ok(Nat::from(1u64)));
        assert_eq!(parse_amount("12", 2), Ok(Nat::from(1200u64)));
        assert!(parse_amount("0.000000001", 8).is_err());
        assert!(parse_amount("abc", 8).is_err());
        assert!(parse_amount("0", 8).is_err());
        assert!(parse_amount("", 8).is_err());
        assert!(parse_amount("-1", 8).is_err());
    }
}
