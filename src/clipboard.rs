//! Copying text to the system clipboard through the terminal: the OSC 52
//! sequence, which terminals (and tmux with `set-clipboard on`) pass to the
//! clipboard, also over SSH. The text is sanitised first so a copied note
//! can never carry an escape sequence of its own.

/// The most a terminal is commonly willing to take in one OSC 52 sequence
/// (bytes of text before encoding); longer text is still shown to select.
pub const MAX_BYTES: usize = 74_994;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
#[must_use]
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that puts `text` on the clipboard, or `None` when it
/// is too long for terminals to accept.
#[must_use]
pub fn osc52(text: &str) -> Option<String> {
    let clean = crate::domain::text::sanitize(text);
    if clean.len() > MAX_BYTES {
        return None;
    }
    Some(format!("\u{1b}]52;c;{}\u{7}", base64(clean.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), enc);
        }
    }

    #[test]
    fn osc52_carries_the_cleaned_text_only() {
        let seq = osc52("Ann\u{1b}]52;c;ZXZpbA==\u{7} ok").unwrap();
        assert_eq!(seq, format!("\u{1b}]52;c;{}\u{7}", base64(b"Ann ok")));
        assert!(osc52(&"x".repeat(MAX_BYTES + 1)).is_none());
    }
}
