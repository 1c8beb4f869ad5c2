//! Token amounts: base units (Nat) <-> decimal text; principals shortened for narrow places.
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

/// A principal's text shortened to its first five and last three characters ("abcde…xyz"), for places too
/// narrow for its 63; the full text stays in a title/copy button beside it.
pub fn short_principal(text: &str) -> String {
    if text.len() <= 12 || !text.is_ascii() {
        return text.to_string();
    }
    format!("{}…{}", &text[..5], &text[text.len() - 3..])
}

/// An IC timestamp (nanoseconds since the epoch) as "2026-11-29 18:30 UTC".
pub fn format_utc(nanos: u64) -> String {
    let seconds = nanos / 1_000_000_000;
    let (days, of_day) = ((seconds / 86_400) as i64, seconds % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", of_day / 3_600, of_day % 3_600 / 60)
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

    #[test]
    fn short_principal_keeps_both_ends() {
        let long = "4bnyh-zbtj3-2dgcd-5izwh-5zfsr-6vlyo-3gkue-yz4fu-gnqoo-tnk6a-zqe";
        assert_eq!(super::short_principal(long), "4bnyh…zqe");
        assert_eq!(super::short_principal("aaaaa-aa"), "aaaaa-aa");
    }

    #[test]
    fn format_utc_reads_ic_nanoseconds() {
        assert_eq!(super::format_utc(0), "1970-01-01 00:00 UTC");
        // 2024-02-29 12:34:56 UTC, a leap day.
        assert_eq!(super::format_utc(1_709_210_096 * 1_000_000_000), "2024-02-29 12:34 UTC");
        assert_eq!(super::format_utc(1_795_977_000 * 1_000_000_000), "2026-11-29 18:30 UTC");
    }
}
