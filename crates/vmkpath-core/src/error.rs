//! The one error type: input that cannot be understood, with the path of the bad field.

use std::fmt;

/// Input that cannot be understood: a scenario field, a pasted command output line.
/// `path` names where (`source.vmknics[1].ip`, `line 4`); `message` says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for InputError {}

/// `make()`, in a function of its own that is never inlined: for the errors of paths valid input
/// never takes. The wasm's split (xtask/src/split.rs) moves every function its reading profile
/// never calls to the module loaded on first use; the built-in scenarios never fail, so an
/// error's formatting, and the text of its message, go there with it. Inlined, they were part of
/// the validator and readers every widget runs.
#[cold]
#[inline(never)]
pub fn cold<T>(make: impl FnOnce() -> T) -> T {
    make()
}

/// `text` in double quotes for a message, escaped as Rust's `{:?}` escapes it for what input
/// holds (quotes, backslashes, control characters); other characters as they are (`{:?}` also
/// escapes the rest of Unicode's unprintable ones, a zero-width space say). Written out
/// because `{:?}` of a `str` brings core's Unicode printability tables into the wasm for three
/// messages (`<str as Debug>`, `escape_debug`, `unicode::printable` and its tables: the rest of
/// the wasm measured 110,479 -> 107,291 B gzip -9 without them).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        escape_into(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// `c` in single quotes, escaped as `quoted` escapes (`{:?}` of a `char` for these).
pub fn quoted_char(c: char) -> String {
    let mut out = String::from("'");
    escape_into(&mut out, c, '\'');
    out.push('\'');
    out
}

fn escape_into(out: &mut String, c: char, quote: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        '\\' => out.push_str("\\\\"),
        _ if c == quote => {
            out.push('\\');
            out.push(c);
        }
        _ if c.is_control() => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_as_debug_does_for_input_text() {
        for text in [
            "plain",
            "a \"b\" c",
            "back\\slash",
            "tab\there\n",
            "bell\u{7}",
            "é ✓",
        ] {
            assert_eq!(quoted(text), format!("{text:?}"), "{text}");
        }
        for c in ['x', '\'', '"', '\u{1b}', '\t', '\0', 'é'] {
            assert_eq!(quoted_char(c), format!("{c:?}"), "{c}");
        }
    }
}
