//! Text in consent messages that the ledger does not control (the token symbol, memos) made safe to
//! show: characters that are invisible or reorder text are written as `\u{..}` escapes, and in the
//! Markdown of the generic display nothing can become markup or leave its code span.

/// Characters a reader cannot see or that change how the text around them is shown: control and
/// non-space whitespace characters, Unicode format characters (bidi overrides, zero-width characters),
/// invisible fillers, variation selectors and tags.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(
            c as u32,
            0x00AD | 0x034F | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2 | 0x115F
                | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E
                | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB
                | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
                | 0xE0000..=0xE0FFF
        )
}

/// The text with hidden characters written as `\u{..}`.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A memo as text when it is plain printable UTF-8, else as `0x` and hex.
pub fn memo(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.chars().any(is_hidden) => s.to_string(),
        _ => format!("0x{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()),
    }
}

/// Text placed inside a line of Markdown (a heading or paragraph): printable (so it cannot start a
/// line), with the characters that open inline markup backslash-escaped.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in printable(s).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '&' | '~' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown code span holding the text verbatim: the fence is one backtick longer than the longest
/// run of backticks inside, padded with spaces when the text has a backtick (CommonMark strips one).
pub fn code_span(s: &str) -> String {
    let text = printable(s);
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped() {
        assert_eq!(printable("ICP\u{202e}PCI"), "ICP\\u{202e}PCI");
        assert_eq!(printable("a\nb\u{200b}c"), "a\\u{a}b\\u{200b}c");
        assert_eq!(printable("Ðoge 🚀 x"), "Ðoge 🚀 x");
    }

    #[test]
    fn memos_that_are_not_plain_text_are_hex() {
        assert_eq!(memo(b"order 42"), "order 42");
        assert_eq!(memo("pay\u{202e}001".as_bytes()), "0x706179e280ae303031");
        assert_eq!(memo(&[0xff, 0x00]), "0xff00");
        assert_eq!(memo(b"a\tb"), "0x610962");
    }

    #[test]
    fn markdown_cannot_be_injected() {
        assert_eq!(markdown_text("**X**\n# [Y](u)"), "\\*\\*X\\*\\*\\\\u{a}# \\[Y\\](u)");
        assert_eq!(markdown_text("ck.BTC"), "ck.BTC");
        assert_eq!(code_span("1 ICP"), "`1 ICP`");
        assert_eq!(code_span("1 I`CP``"), "``` 1 I`CP`` ```");
    }
}
