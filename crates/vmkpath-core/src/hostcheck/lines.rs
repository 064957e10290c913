//! Lines of pasted text: line endings, and the small value parsers every command family shares
//! (vmknic names, IPv4 addresses, netmasks). Prompts and command lines are `command.rs`.

use crate::error::InputError;
use std::net::Ipv4Addr;

pub use super::command::{command_line, Command};

/// The text as numbered lines (1-based), with CRLF / lone CR endings and trailing blanks removed.
pub fn numbered(text: &str) -> Vec<(usize, String)> {
    let unified = crate::find::replace(text, "\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    for (i, line) in unified.split('\n').enumerate() {
        out.push((i + 1, line.trim_end().to_string()));
    }
    out
}

/// `InputError` for a line: path `line N`.
pub fn at(line: usize, message: impl Into<String>) -> InputError {
    InputError::new(format!("line {line}"), message)
}

/// A short quote of a line for error messages.
pub fn quote(text: &str) -> String {
    let trimmed = text.trim();
    let short: String = trimmed.chars().take(60).collect();
    if short.len() < trimmed.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// `vmk0` … `vmk999999`.
pub fn is_vmk_name(text: &str) -> bool {
    text.strip_prefix("vmk")
        .is_some_and(|n| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The number of a vmknic name, for vmk order.
pub fn vmk_number(name: &str) -> u32 {
    name.strip_prefix("vmk")
        .and_then(|n| crate::integer::parse(n, 10))
        .unwrap_or(u32::MAX)
}

pub fn ipv4(text: &str) -> Option<Ipv4Addr> {
    crate::net::addr::v4(text)
}

/// `255.255.255.192` -> 26; `None` for a non-contiguous mask or not a mask at all.
pub fn prefix_of(mask: &str) -> Option<u8> {
    let bits = u32::from(ipv4(mask)?);
    let ones = bits.leading_ones();
    // Contiguous: nothing is left once the leading ones are shifted out.
    (bits.checked_shl(ones).unwrap_or(0) == 0).then_some(ones as u8)
}

/// `Key: value` (a key of at most five words of letters and digits, colon followed by a blank
/// or the end). Table rows hold addresses (dots) or wide gaps, so they never read as one.
pub fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    if !(value.is_empty() || value.starts_with(char::is_whitespace)) {
        return None;
    }
    let key = key.trim();
    let first = key.chars().next()?;
    let ok = first.is_ascii_alphabetic()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '(' | ')' | '/' | '_' | '-'))
        && key.split_whitespace().count() <= 5
        && !crate::find::has(key, "  ");
    ok.then(|| (key, value.trim()))
}

/// A separator line of dashes under a table header (`----  ------`).
pub fn is_separator(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| c == '-' || c.is_whitespace()) && crate::find::has(t, "--")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(prefix_of("255.255.255.192"), Some(26));
        assert_eq!(prefix_of("255.255.255.255"), Some(32));
        assert_eq!(prefix_of("0.0.0.0"), Some(0));
        assert_eq!(prefix_of("255.0.255.0"), None);
        assert_eq!(prefix_of("300.0.0.0"), None);
    }

    #[test]
    fn key_values() {
        assert_eq!(key_value("   Name: vmk0"), Some(("Name", "vmk0")));
        assert_eq!(key_value("   Portset: "), Some(("Portset", "")));
        assert_eq!(key_value("   Tags:"), Some(("Tags", "")));
        assert_eq!(key_value("vmk0 PG IPv6 fe80::1 64"), None);
        assert_eq!(key_value("MAC 00:50:56:aa:bb:cc"), None);
    }
}
