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

mod scalar;

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
