//! ICRC-1 textual account encoding (`principal[-checksum.subaccount_hex]`), shown in consent messages.

use icto_shared::token::Account;

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn base32_lower(data: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in data {
        buffer = (buffer << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn account_to_text(account: &Account) -> String {
    let owner = account.owner.to_text();
    let sub = match account.subaccount {
        Some(s) if s != [0; 32] => s,
        _ => return owner,
    };
    let mut bytes = account.owner.as_slice().to_vec();
    bytes.extend_from_slice(&sub);
    let checksum = base32_lower(&crc32(&bytes).to_be_bytes());
    let hex: String = sub.iter().map(|b| format!("{b:02x}")).collect();
    format!("{owner}-{checksum}.{}", hex.trim_start_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use candid::Principal;

    // Examples from the ICRC-1 textual encoding specification.
    #[test]
    fn spec_examples() {
        let owner = Principal::from_text("k2t6j-2nvnp-4zjm3-25dtz-6xhaa-c7boj-5gayf-oj3xs-i43lp-teztq-6ae").unwrap();
        assert_eq!(account_to_text(&Account { owner, subaccount: None }), owner.to_text());
        assert_eq!(account_to_text(&Account { owner, subaccount: Some([0; 32]) }), owner.to_text());
        let mut sub = [0u8; 32];
        sub[31] = 1;
        assert_eq!(
            account_to_text(&Account { owner, subaccount: Some(sub) }),
            "k2t6j-2nvnp-4zjm3-25dtz-6xhaa-c7boj-5gayf-oj3xs-i43lp-teztq-6ae-6cc627i.1"
        );
        let sub: [u8; 32] = std::array::from_fn(|i| i as u8 + 1);
        assert_eq!(
            account_to_text(&Account { owner, subaccount: Some(sub) }),
            "k2t6j-2nvnp-4zjm3-25dtz-6xhaa-c7boj-5gayf-oj3xs-i43lp-teztq-6ae-dfxgiyy.102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
        );
    }
}
