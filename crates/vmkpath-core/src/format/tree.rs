//! One small value tree for scenario text read without serde (the wasm widget): `toml_lite` builds
//! it from TOML, `read_json` from JSON, and `shape` decodes it into the file shapes. serde_json's
//! deserializer and serde_path_to_error cost the wasm ~28 KB gzipped; this replaces both.
//!
//! `read_json` reads as serde_json does, byte for byte: the same errors at the same line and
//! column, so a message never changes with the build. serde_json stops at the first problem in
//! document order, whether of syntax or of shape; the tree keeps what it read before a syntax
//! error and puts the error where reading stopped (a `Broken` value or a broken `Tail`), so the
//! decoder, walking in document order, meets it exactly where serde would have.

/// serde_json's messages for bad syntax (its `ErrorCode`s).
pub(crate) const EOF_LIST: &str = "EOF while parsing a list";
pub(crate) const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
pub(crate) const TRAILING_COMMA: &str = "trailing comma";
pub(crate) const TRAILING_CHARACTERS: &str = "trailing characters";
const END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const TOO_DEEP: &str = "recursion limit exceeded";

/// Deeper nesting is never read: no scenario field nests more than a few levels, so the decoder
/// refuses the container long before it would reach this.
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// serde_json's three kinds of number (the messages name them differently).
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(String),
    Array(Vec<Node>, Tail),
    /// Entries in the text's order (TOML's reader gives them sorted, as serde_json's map did).
    Object(Vec<Entry>, Tail),
    /// A value that could not be read.
    Broken(Fault),
}

/// A value and where it is in the text: `start` its first byte, `end` just after its last (for
/// TOML, both 0: its messages carry no position).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub value: Value,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    /// Where serde_json places an error about the key itself (unknown or repeated field).
    pub key_at: usize,
    pub value: Node,
}

/// How a container ended: closed, or broken (after a comma or not, which is what serde_json's
/// check after a struct written as an array tells apart).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tail {
    Closed,
    Broken { fault: Fault, after_comma: bool },
}

/// A syntax error: serde_json's message and the byte index its position is computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fault {
    pub message: &'static str,
    pub at: usize,
}

impl Node {
    pub(crate) fn plain(value: Value) -> Self {
        Self {
            value,
            start: 0,
            end: 0,
        }
    }
}

/// serde_json's line and column of byte index `at`: the column counts bytes from the line start.
pub(crate) fn line_column(text: &str, at: usize) -> (usize, usize) {
    let head = text.as_bytes().get(..at).unwrap_or(text.as_bytes());
    let line_start = head.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + head.iter().filter(|b| **b == b'\n').count();
    (line, head.len() - line_start)
}

/// Read a JSON document; `Err` is a syntax error after the root value (only reported when the
/// root decodes: serde_json checks the end last).
pub(crate) fn read_json(text: &str) -> (Node, Option<Fault>) {
    let mut r = Reader {
        s: text.as_bytes(),
        i: 0,
    };
    let (root, whole) = r.value(0);
    let rest = match (whole, r.ws()) {
        (true, Some(_)) => Some(r.peek_fault(TRAILING_CHARACTERS)),
        _ => None,
    };
    (root, rest)
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        self.i += usize::from(c.is_some());
        c
    }
    /// serde_json's `error`: the position after the last byte read.
    fn fault(&self, message: &'static str) -> Fault {
        Fault {
            message,
            at: self.i,
        }
    }
    /// serde_json's `peek_error`: the position of the byte looked at.
    fn peek_fault(&self, message: &'static str) -> Fault {
        Fault {
            message,
            at: (self.i + 1).min(self.s.len()),
        }
    }
    /// Skip JSON whitespace; the next byte.
    fn ws(&mut self) -> Option<u8> {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.i += 1;
        }
        self.peek()
    }

    /// A value and whether it was read whole (nothing broken inside).
    fn value(&mut self, depth: usize) -> (Node, bool) {
        let peeked = self.ws();
        let start = self.i;
        let read = match peeked {
            None => Err(self.peek_fault(EOF_VALUE)),
            Some(b'n') => self.ident(b"null", Value::Null),
            Some(b't') => self.ident(b"true", Value::Bool(true)),
            Some(b'f') => self.ident(b"false", Value::Bool(false)),
            Some(b'-') => {
                self.i += 1;
                self.number(start, false)
            }
            Some(b'0'..=b'9') => self.number(start, true),
            Some(b'"') => {
                self.i += 1;
                self.string().map(Value::Str)
            }
            Some(b'[' | b'{') if depth >= MAX_DEPTH => Err(self.peek_fault(TOO_DEEP)),
            Some(b'[') => return self.array(start, depth),
            Some(b'{') => return self.object(start, depth),
            Some(_) => Err(self.peek_fault(EXPECTED_VALUE)),
        };
        let whole = read.is_ok();
        let value = read.unwrap_or_else(Value::Broken);
        let end = self.i;
        (Node { value, start, end }, whole)
    }

    fn ident(&mut self, word: &[u8], value: Value) -> Result<Value, Fault> {
        self.i += 1;
        for expected in word.iter().skip(1) {
            match self.next() {
                None => return Err(self.fault(EOF_VALUE)),
                Some(c) if c != *expected => return Err(self.fault(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - from
    }

    /// A number after its sign, consumed as serde_json consumes it (its errors at its places).
    fn number(&mut self, start: usize, positive: bool) -> Result<Value, Fault> {
        let mut significand: u64 = 0;
        let mut long = false;
        match self.next() {
            None => return Err(self.fault(EOF_VALUE)),
            Some(b'0') if matches!(self.peek(), Some(b'0'..=b'9')) => {
                return Err(self.peek_fault(INVALID_NUMBER))
            }
            Some(b'0') => {}
            Some(c @ b'1'..=b'9') => {
                significand = u64::from(c - b'0');
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    match significand
                        .checked_mul(10)
                        .and_then(|s| s.checked_add(u64::from(c - b'0')))
                    {
                        Some(s) if !long => significand = s,
                        _ => long = true,
                    }
                    self.i += 1;
                }
            }
            Some(_) => return Err(self.fault(INVALID_NUMBER)),
        }
        let mut float = long;
        if self.peek() == Some(b'.') {
            float = true;
            self.i += 1;
            if self.digits() == 0 {
                let message = if self.peek().is_some() {
                    INVALID_NUMBER
                } else {
                    EOF_VALUE
                };
                return Err(self.peek_fault(message));
            }
        }
        let mantissa_end = self.i;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            float = true;
            self.i += 1;
            let positive_exp = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    false
                }
                Some(b'+') => {
                    self.i += 1;
                    true
                }
                _ => true,
            };
            let mut exp: i32 = match self.next() {
                None => return Err(self.fault(EOF_VALUE)),
                Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
                Some(_) => return Err(self.fault(INVALID_NUMBER)),
            };
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.i += 1;
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(c - b'0')))
                {
                    Some(e) => exp = e,
                    None => {
                        let mantissa = self.s.get(start..mantissa_end).unwrap_or_default();
                        let zero = mantissa.iter().all(|b| matches!(b, b'0' | b'.' | b'-'));
                        if !zero && positive_exp {
                            return Err(self.fault(OUT_OF_RANGE));
                        }
                        self.digits();
                        return Ok(Value::Float(if positive { 0.0 } else { -0.0 }));
                    }
                }
            }
        }
        if !float {
            return Ok(if positive {
                Value::Unsigned(significand)
            } else {
                // serde_json's rule: `-0` and what does not fit an i64 become floats.
                let neg = (significand as i64).wrapping_neg();
                if neg >= 0 {
                    Value::Float(-(significand as f64))
                } else {
                    Value::Signed(neg)
                }
            });
        }
        // Both this and serde_json (float_roundtrip) round correctly: the same value.
        let token = std::str::from_utf8(self.s.get(start..self.i).unwrap_or_default());
        match token.ok().and_then(|t| t.parse::<f64>().ok()) {
            Some(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(self.fault(OUT_OF_RANGE)),
        }
    }

    /// A string after its opening quote.
    fn string(&mut self) -> Result<String, Fault> {
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.fault(EOF_STRING)),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(String::from_utf8(out).unwrap_or_default());
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                Some(c) if c < 0x20 => {
                    self.i += 1;
                    return Err(self.fault(CONTROL_CHARACTER));
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Fault> {
        let plain = match self.next() {
            None => return Err(self.fault(EOF_STRING)),
            Some(b'u') => return self.unicode_escape(out),
            Some(c @ (b'"' | b'\\' | b'/')) => c,
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(_) => return Err(self.fault(INVALID_ESCAPE)),
        };
        out.push(plain);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Fault> {
        let Some(four) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.fault(EOF_STRING));
        };
        self.i += 4;
        let hex = std::str::from_utf8(four).ok();
        let digits = hex.is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
            Some(n) if digits => Ok(n),
            _ => Err(self.fault(INVALID_ESCAPE)),
        }
    }

    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Result<(), Fault> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return Err(self.fault(LONE_SURROGATE)),
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.fault(EOF_STRING)),
                        Some(c) => {
                            self.i += 1;
                            if c != expected {
                                return Err(self.fault(END_OF_HEX_ESCAPE));
                            }
                        }
                    }
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.fault(LONE_SURROGATE));
                }
                (((n - 0xD800) << 10) | (low - 0xDC00)) + 0x1_0000
            }
            n => n,
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    fn array(&mut self, start: usize, depth: usize) -> (Node, bool) {
        self.i += 1;
        let mut items = Vec::new();
        let tail = loop {
            let first = items.is_empty();
            let next = match self.ws() {
                None => Some((self.peek_fault(EOF_LIST), false)),
                Some(b']') => {
                    self.i += 1;
                    break Tail::Closed;
                }
                Some(_) if first => None,
                Some(b',') => {
                    self.i += 1;
                    match self.ws() {
                        Some(b']') => Some((self.peek_fault(TRAILING_COMMA), true)),
                        Some(_) => None,
                        None => Some((self.peek_fault(EOF_VALUE), true)),
                    }
                }
                Some(_) => Some((self.peek_fault(EXPECTED_LIST_COMMA_OR_END), false)),
            };
            if let Some((fault, after_comma)) = next {
                break Tail::Broken { fault, after_comma };
            }
            let (item, whole) = self.value(depth + 1);
            items.push(item);
            if !whole {
                return self.cut(Value::Array(items, Tail::Closed), start);
            }
        };
        let whole = tail == Tail::Closed;
        let end = self.i;
        let value = Value::Array(items, tail);
        (Node { value, start, end }, whole)
    }

    fn object(&mut self, start: usize, depth: usize) -> (Node, bool) {
        self.i += 1;
        let mut entries = Vec::new();
        let tail = loop {
            let first = entries.is_empty();
            let fault = match self.ws() {
                None => Some(self.peek_fault(EOF_OBJECT)),
                Some(b'}') => {
                    self.i += 1;
                    break Tail::Closed;
                }
                Some(b'"') if first => None,
                Some(_) if first => Some(self.peek_fault(KEY_MUST_BE_A_STRING)),
                Some(b',') => {
                    self.i += 1;
                    match self.ws() {
                        Some(b'"') => None,
                        Some(b'}') => Some(self.peek_fault(TRAILING_COMMA)),
                        Some(_) => Some(self.peek_fault(KEY_MUST_BE_A_STRING)),
                        None => Some(self.peek_fault(EOF_VALUE)),
                    }
                }
                Some(_) => Some(self.peek_fault(EXPECTED_OBJECT_COMMA_OR_END)),
            };
            if let Some(fault) = fault {
                let after_comma = false;
                break Tail::Broken { fault, after_comma };
            }
            self.i += 1;
            let key = match self.string() {
                Ok(key) => key,
                Err(fault) => {
                    let after_comma = false;
                    let value = Value::Object(entries, Tail::Broken { fault, after_comma });
                    return self.cut(value, start);
                }
            };
            // serde_json's check after a refused key skips blanks and eats a closing brace.
            let key_at = match self.ws() {
                Some(b'}') => self.i + 1,
                _ => self.i,
            };
            let colon = match self.ws() {
                Some(b':') => {
                    self.i += 1;
                    None
                }
                Some(_) => Some(self.peek_fault(EXPECTED_COLON)),
                None => Some(self.peek_fault(EOF_OBJECT)),
            };
            let (value, whole) = match colon {
                None => self.value(depth + 1),
                Some(fault) => (Node::plain(Value::Broken(fault)), false),
            };
            entries.push(Entry { key, key_at, value });
            if !whole {
                return self.cut(Value::Object(entries, Tail::Closed), start);
            }
        };
        let whole = tail == Tail::Closed;
        let end = self.i;
        let value = Value::Object(entries, tail);
        (Node { value, start, end }, whole)
    }

    /// A container whose reading stopped inside its last element: the decoder meets the
    /// element's error (or one before it) first, never this container's end.
    fn cut(&self, value: Value, start: usize) -> (Node, bool) {
        let end = self.i;
        (Node { value, start, end }, false)
    }
}

#[cfg(test)]
pub(crate) mod to_serde {
    //! The tree as a `serde_json::Value`, to compare readers in tests.
    use super::{Node, Value};

    pub(crate) fn json(node: &Node) -> serde_json::Value {
        match &node.value {
            Value::Null | Value::Broken(_) => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Unsigned(n) => (*n).into(),
            Value::Signed(n) => (*n).into(),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or_default(),
            Value::Str(s) => s.clone().into(),
            Value::Array(items, _) => items.iter().map(json).collect(),
            Value::Object(entries, _) => entries
                .iter()
                .map(|e| (e.key.clone(), json(&e.value)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
}
