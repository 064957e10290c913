//! The value tree (`tree`) decoded into the scenario file shapes by hand, for builds without
//! serde's deserializers (the wasm widget). It does what serde's derive, serde_json and
//! serde_path_to_error did together, so every message and field path stays as it was: fields in
//! the document's order, unknown fields refused at their key, the first missing one named after
//! the table, serde's wordings (`invalid type: string "16", expected f64`), and a struct written
//! as an array read field by field as serde reads it. Checked against serde on every built-in and
//! on thousands of broken variants (`shape/tests.rs`).

use super::tree::{Entry, Fault, Node, Tail, Value, EOF_LIST, TRAILING_CHARACTERS, TRAILING_COMMA};
use crate::error::cold;
use crate::lists::Joined;
use crate::sorted::SortedMap;

/// A decoding error: the field path (serde_path_to_error's), serde's message, whether it is a
/// syntax error (serde_json's message for it) and the byte index its position is computed from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShapeError {
    pub path: String,
    pub message: String,
    pub syntax: bool,
    pub at: usize,
}

/// Where a value sits: the path, built only when an error needs it, as serde_path_to_error
/// writes it (`.` for the root).
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    #[cold]
    #[inline(never)]
    fn path(&self) -> String {
        match self {
            At::Root => ".".to_string(),
            At::Key(At::Root, key) => key.to_string(),
            At::Key(parent, key) => format!("{}.{key}", parent.path()),
            At::Index(At::Root, i) => format!("[{i}]"),
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
    #[cold]
    #[inline(never)]
    fn data(&self, message: String, at: usize) -> ShapeError {
        ShapeError {
            path: self.path(),
            message,
            syntax: false,
            at,
        }
    }
    #[cold]
    #[inline(never)]
    fn fault(&self, fault: Fault) -> ShapeError {
        ShapeError {
            path: self.path(),
            message: fault.message.to_string(),
            syntax: true,
            at: fault.at,
        }
    }
}

type Decoded<T> = Result<T, ShapeError>;

mod files;
pub(crate) use files::scenario;

/// A struct's fields (`required`: a bit per field, in `names` order), each handed to `field` in
/// the document's order, as serde's derive does: from a table, or from an array in field order.
/// One compiled walk for every struct (`dyn`: a copy per struct cost the wasm ~3 KB gzipped).
fn fields(
    node: &Node,
    at: &At,
    name: &str,
    names: &[&str],
    required: u32,
    field: &mut dyn FnMut(usize, &Node, &At) -> Decoded<()>,
) -> Decoded<()> {
    match &node.value {
        Value::Object(entries, tail) => {
            let mut seen = 0u32;
            for Entry { key, key_at, value } in entries {
                let Some(i) = names.iter().position(|n| n == key) else {
                    return Err(cold(|| {
                        let message = format!("unknown field `{key}`, expected {}", one_of(names));
                        At::Key(at, key).data(message, *key_at)
                    }));
                };
                if seen & (1 << i) != 0 {
                    return Err(cold(|| {
                        at.data(format!("duplicate field `{key}`"), *key_at)
                    }));
                }
                seen |= 1 << i;
                field(i, value, &At::Key(at, key))?;
            }
            end(tail, at)?;
            match (0..names.len()).find(|i| required & !seen & (1 << i) != 0) {
                Some(i) => Err(cold(|| {
                    let message = format!("missing field `{}`", names.get(i).unwrap_or(&""));
                    at.data(message, node.end)
                })),
                None => Ok(()),
            }
        }
        Value::Array(items, tail) => {
            for i in 0..names.len() {
                match items.get(i) {
                    Some(item) => field(i, item, &At::Index(at, i))?,
                    None if i == items.len() => end(tail, at)?,
                    None => {}
                }
                if i >= items.len() && required & (1 << i) != 0 {
                    return Err(cold(|| {
                        let message = format!(
                            "invalid length {i}, expected struct {name} with {} elements",
                            names.len()
                        );
                        at.data(message, node.end)
                    }));
                }
            }
            // serde_json then expects the array's end: anything more is trailing characters.
            let extra = match (items.get(names.len()), tail) {
                (Some(item), _) => Some(Fault {
                    message: TRAILING_CHARACTERS,
                    at: item.start + 1,
                }),
                (None, Tail::Broken { fault, .. })
                    if items.len() == names.len()
                        && fault.message != EOF_LIST
                        && fault.message != TRAILING_COMMA =>
                {
                    Some(Fault {
                        message: TRAILING_CHARACTERS,
                        at: fault.at,
                    })
                }
                (None, tail) if items.len() == names.len() => return end(tail, at),
                _ => None,
            };
            extra.map_or(Ok(()), |fault| Err(at.fault(fault)))
        }
        _ => Err(cold(|| unexpected(node, at, &format!("struct {name}")))),
    }
}

/// serde's list of the fields a struct knows.
#[cold]
#[inline(never)]
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = crate::lists::map(names, |n| format!("`{n}`"));
    match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        all => format!("one of {}", all.joined(", ")),
    }
}

fn end(tail: &Tail, at: &At) -> Decoded<()> {
    match tail {
        Tail::Closed => Ok(()),
        Tail::Broken { fault, .. } => Err(at.fault(*fault)),
    }
}

fn seq<T>(node: &Node, at: &At, item: fn(&Node, &At) -> Decoded<T>) -> Decoded<Vec<T>> {
    match &node.value {
        Value::Array(items, tail) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, n) in items.iter().enumerate() {
                out.push(item(n, &At::Index(at, i))?);
            }
            end(tail, at)?;
            Ok(out)
        }
        _ => Err(unexpected(node, at, "a sequence")),
    }
}

fn map<T>(
    node: &Node,
    at: &At,
    item: fn(&Node, &At) -> Decoded<T>,
) -> Decoded<SortedMap<String, T>> {
    match &node.value {
        Value::Object(entries, tail) => {
            let mut out = SortedMap::new();
            for e in entries {
                out.insert(e.key.clone(), item(&e.value, &At::Key(at, &e.key))?);
            }
            end(tail, at)?;
            Ok(out)
        }
        _ => Err(unexpected(node, at, "a map")),
    }
}

fn option<T>(node: &Node, at: &At, some: fn(&Node, &At) -> Decoded<T>) -> Decoded<Option<T>> {
    match node.value {
        Value::Null => Ok(None),
        _ => some(node, at).map(Some),
    }
}

fn string(node: &Node, at: &At) -> Decoded<String> {
    match &node.value {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(unexpected(node, at, "a string")),
    }
}

fn boolean(node: &Node, at: &At) -> Decoded<bool> {
    match node.value {
        Value::Bool(b) => Ok(b),
        _ => Err(unexpected(node, at, "a boolean")),
    }
}

fn float(node: &Node, at: &At) -> Decoded<f64> {
    match node.value {
        Value::Unsigned(n) => Ok(n as f64),
        Value::Signed(n) => Ok(n as f64),
        Value::Float(f) => Ok(f),
        _ => Err(unexpected(node, at, "f64")),
    }
}

fn unsigned32(node: &Node, at: &At) -> Decoded<u32> {
    let out_of_range = |n: String| {
        cold(|| {
            at.data(
                format!("invalid value: integer `{n}`, expected u32"),
                node.end,
            )
        })
    };
    match node.value {
        Value::Unsigned(n) => u32::try_from(n).map_err(|_| out_of_range(n.to_string())),
        Value::Signed(n) => Err(out_of_range(n.to_string())),
        _ => Err(unexpected(node, at, "u32")),
    }
}

/// serde's "invalid type" for a value of the wrong kind (serde_json's words for null and
/// floats), placed where serde_json places it: after a scalar, at a container's opening.
#[cold]
#[inline(never)]
fn unexpected(node: &Node, at: &At, expected: &str) -> ShapeError {
    let (found, place) = match &node.value {
        Value::Broken(fault) => return at.fault(*fault),
        Value::Null => ("null".to_string(), node.end),
        Value::Bool(b) => (format!("boolean `{b}`"), node.end),
        Value::Unsigned(n) => (format!("integer `{n}`"), node.end),
        Value::Signed(n) => (format!("integer `{n}`"), node.end),
        Value::Float(f) => (format!("floating point `{}`", float_text(*f)), node.end),
        Value::Str(s) => (format!("string {}", crate::error::quoted(s)), node.end),
        Value::Array(..) => ("sequence".to_string(), node.start),
        Value::Object(..) => ("map".to_string(), node.start),
    };
    at.data(format!("invalid type: {found}, expected {expected}"), place)
}

/// A float as serde_json writes it in messages: the shortest digits that read back, in plain
/// notation for decimal exponents -5 to 15 (`1500.0`, `0.001`), else `1.5e+16`, `1e-7`.
/// Read off the shortest plain text (`{}`: those digits padded with zeros; `decimal::shortest`,
/// so the widget's module needs no float formatter of core's for it; `{:e}` would bring one).
pub(crate) fn float_text(f: f64) -> String {
    let plain = crate::decimal::shortest(f);
    let (sign, plain) = match plain.strip_prefix('-') {
        Some(p) => ("-", p),
        None => ("", plain.as_str()),
    };
    let (int, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let all = format!("{int}{frac}");
    let zeros = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0');
    let (digits, exp) = match digits.is_empty() {
        true => ("0", 0),
        false => (digits, int.len() as i32 - zeros as i32 - 1),
    };
    notation(sign, digits, exp)
}

/// serde_json's notation for a float's shortest `digits` (no dots, no leading or trailing zeros)
/// and its decimal exponent: plain for -5 to 15, else `d.ddde±x`.
pub(crate) fn notation(sign: &str, digits: &str, exp: i32) -> String {
    let len = digits.len() as i32;
    let body = if (-5..=15).contains(&exp) {
        if exp >= len - 1 {
            format!("{digits}{}.0", "0".repeat((exp - len + 1) as usize))
        } else if exp >= 0 {
            let (int, frac) = digits.split_at(exp as usize + 1);
            format!("{int}.{frac}")
        } else {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let e_sign = if exp < 0 { "-" } else { "+" };
        format!("{first}{dot}{rest}e{e_sign}{}", exp.abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests;
