//! Recipients pasted or uploaded as CSV, one a line: `principal,amount[,category]`. Amounts are whole or
//! decimal token units (read with the token's decimals); the category is its name or number (the first
//! when left out). Every line's problem is listed with its line number.
use candid::Principal;
use icto_shared::distribution::{check_row, RecipientEntry};

use crate::format::parse_amount;

/// The rows read, the line each came from, and each line's problem.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub rows: Vec<RecipientEntry>,
    /// `lines[row]` is the line (from 1) row `row` was read from.
    pub lines: Vec<usize>,
    pub errors: Vec<(usize, String)>,
}

impl Parsed {
    pub fn line_of(&self, row: u32) -> String {
        match self.lines.get(row as usize) {
            Some(line) => format!("Line {line}"),
            None => format!("Row {}", row + 1),
        }
    }
}

pub fn parse(text: &str, decimals: u8, categories: &[String]) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split([',', ';', '\t']).map(str::trim).collect();
        if parsed.rows.is_empty() && parsed.errors.is_empty() && fields[0].eq_ignore_ascii_case("principal") {
            continue; // a header
        }
        match parse_line(&fields, decimals, categories) {
            Ok(entry) => match check_row(parsed.rows.len() as u32, categories.len(), &entry) {
                Ok(_) => {
                    parsed.rows.push(entry);
                    parsed.lines.push(number);
                }
                Err(e) => parsed.errors.push((number, crate::ic::distribution::describe_distribution_error(&e, &|_| String::new(), decimals, "")
                    .trim_start_matches(": ").to_string())),
            },
            Err(e) => parsed.errors.push((number, e)),
        }
    }
    parsed
}

fn parse_line(fields: &[&str], decimals: u8, categories: &[String]) -> Result<RecipientEntry, String> {
    if !(2..=3).contains(&fields.len()) {
        return Err("write principal,amount or principal,amount,category.".into());
    }
    let owner = Principal::from_text(fields[0]).map_err(|_| format!("\"{}\" is not a principal.", fields[0]))?;
    let amount = parse_amount(fields[1], decimals).map_err(|e| e.trim_end_matches('.').to_lowercase() + ".")?;
    let category = match fields.get(2).filter(|c| !c.is_empty()) {
        None => 0,
        Some(c) => match categories.iter().position(|n| n.trim().eq_ignore_ascii_case(c)) {
            Some(index) => index as u32,
            None => match c.parse::<u32>() {
                Ok(n) if n >= 1 && (n as usize) <= categories.len() => n - 1,
                _ => return Err(format!("there is no category \"{c}\" (use a category's name or number).")),
            },
        },
    };
    Ok(RecipientEntry { owner, subaccount: None, category, amount })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_lists_errors_by_line() {
        let p = Principal::from_slice(&[1, 2, 3]).to_text();
        let text = format!("principal,amount,category\n{p},1.5\n\nnot-a-principal,2\n{p},0\n{p},3,Team\n{p},1,9\n");
        let parsed = parse(&text, 8, &["Investors".into(), "Team".into()]);
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.lines, vec![2, 6]);
        assert_eq!(parsed.rows[0].amount, candid::Nat::from(150_000_000u64));
        assert_eq!(parsed.rows[1].category, 1);
        let lines: Vec<usize> = parsed.errors.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![4, 5, 7]);
    }
}
