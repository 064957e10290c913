//! A small TOML reader for the subset scenario files use, for builds without the `toml` crate (the
//! wasm widget, where it would cost ~90 KB gzipped): TOML text in, the value tree (`tree`) of the
//! JSON value the `toml` crate would give out (tables with their keys sorted, as serde_json's map). Tables, arrays of tables, dotted and quoted keys, one-line strings, integers,
//! floats, booleans, arrays and inline tables; duplicate keys and redefined tables are errors as
//! in TOML. Multi-line strings, dates and inf/nan are refused with a message saying so.

use super::tree::{Entry, Node as Tree, Tail, Value};
use crate::error::InputError;
use crate::lists::Joined;
use crate::sorted::SortedMap;

/// Deeper nesting (key segments, arrays, inline tables) is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Parse TOML text into the tree of the JSON value `toml::from_str::<serde_json::Value>` would
/// give. On failure the path is `line N` and the message says what was expected.
pub(crate) fn to_tree(text: &str) -> Result<Tree, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let chars = text.chars().collect();
    let mut p = Parser {
        s: chars,
        pos: 0,
        line: 1,
    };
    let mut root = Table::default();
    let mut current: Vec<String> = Vec::new();
    loop {
        p.skip_ws();
        let line = p.line;
        let at = |message| at(line, message);
        match p.peek() {
            None => break,
            Some('#' | '\n' | '\r') => {}
            Some('[') => {
                p.pos += 1;
                let array = p.eat('[');
                let keys = p.key()?;
                if !(p.eat(']') && (!array || p.eat(']'))) {
                    let close = if array {
                        "']]' to close the [[header]]"
                    } else {
                        "']' to close the [header]"
                    };
                    return p.fail(format!("expected {close}"));
                }
                if keys.len() > MAX_DEPTH {
                    return p.fail("tables nested too deeply");
                }
                let (last, parents) = keys.split_last().ok_or_else(|| p.err("expected a key"))?;
                let parent = descend(&mut root, parents).map_err(at)?;
                open(parent, last, array, &keys.joined(".")).map_err(at)?;
                current = keys;
            }
            Some(_) => {
                let keys = p.key()?;
                if !p.eat('=') {
                    return p.fail("expected '=' after the key");
                }
                p.skip_ws();
                let value = p.value(current.len() + keys.len())?;
                insert(descend(&mut root, &current).map_err(at)?, &keys, value).map_err(at)?;
            }
        }
        p.end_of_line()?;
    }
    Ok(root.into_tree())
}

fn at(line: usize, message: String) -> InputError {
    InputError::new(format!("line {line}"), message)
}

/// How a table came to be: only an implicit one (a parent named by a deeper header) may later get
/// its own header, and only tables made by dotted keys may be extended by dotted keys.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Kind {
    #[default]
    Implicit,
    Header,
    Dotted,
}

#[derive(Debug, Default)]
struct Table {
    map: SortedMap<String, Node>,
    kind: Kind,
}

#[derive(Debug)]
enum Node {
    /// A value, including static arrays and inline tables: closed to later additions.
    Frozen(Tree),
    Table(Table),
    /// An array of tables (`[[name]]`): headers reach into its last element.
    Tables(Vec<Table>),
}

impl Table {
    fn new(kind: Kind) -> Self {
        let map = SortedMap::new();
        Self { map, kind }
    }
    fn into_tree(self) -> Tree {
        let entries = self.map.into_iter().map(|(key, n)| Entry {
            key,
            key_at: 0,
            value: n.into_tree(),
        });
        Tree::plain(Value::Object(entries.collect(), Tail::Closed))
    }
}

impl Node {
    fn into_tree(self) -> Tree {
        match self {
            Node::Frozen(v) => v,
            Node::Table(t) => t.into_tree(),
            Node::Tables(list) => {
                let items = list.into_iter().map(Table::into_tree).collect();
                Tree::plain(Value::Array(items, Tail::Closed))
            }
        }
    }
}

/// Walk a header path from the root, making missing tables, entering the last element of arrays.
fn descend<'t>(mut t: &'t mut Table, keys: &[String]) -> Result<&'t mut Table, String> {
    for k in keys {
        let node = t
            .map
            .or_insert_with(k.clone(), || Node::Table(Table::default()));
        t = match node {
            Node::Table(sub) => sub,
            Node::Tables(list) => list.last_mut().ok_or_else(|| format!("`{k}` is empty"))?,
            Node::Frozen(_) => return Err(format!("`{k}` is already a value, not a table")),
        };
    }
    Ok(t)
}

/// `[name]` or `[[name]]`: the last key of the header, in its parent table.
fn open(t: &mut Table, k: &str, array: bool, name: &str) -> Result<(), String> {
    let fresh = || Table::new(Kind::Header);
    match (t.map.get_mut(k), array) {
        (Some(Node::Table(sub)), false) if sub.kind == Kind::Implicit => sub.kind = Kind::Header,
        (Some(Node::Tables(list)), true) => list.push(fresh()),
        (Some(Node::Table(_)), false) => return Err(format!("table [{name}] is defined twice")),
        (Some(_), false) => return Err(format!("[{name}]: `{k}` is defined, not as a table")),
        (Some(_), true) => return Err(format!("[[{name}]]: `{k}` is not an array of tables")),
        (None, _) => {
            let node = if array {
                Node::Tables(vec![fresh()])
            } else {
                Node::Table(fresh())
            };
            t.map.insert(k.to_string(), node);
        }
    }
    Ok(())
}

/// `a.b.c = value` in a table: dotted keys make (or extend) tables of their own.
fn insert(mut t: &mut Table, keys: &[String], value: Tree) -> Result<(), String> {
    let (last, parents) = keys.split_last().ok_or("expected a key")?;
    for k in parents {
        let node = t
            .map
            .or_insert_with(k.clone(), || Node::Table(Table::new(Kind::Dotted)));
        t = match node {
            Node::Table(sub) if sub.kind == Kind::Dotted => sub,
            _ => {
                return Err(format!(
                    "`{k}` is already defined: `{}` cannot add to it",
                    keys.joined(".")
                ))
            }
        };
    }
    if t.map.contains_key(last) {
        return Err(format!("duplicate key `{last}`"));
    }
    t.map.insert(last.clone(), Node::Frozen(value));
    Ok(())
}

struct Parser {
    s: Vec<char>,
    pos: usize,
    /// The line of `pos`: newlines are only ever consumed by `eat_newline`.
    line: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }
    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.s.get(self.pos.saturating_add(ahead)).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        self.pos += usize::from(hit);
        hit
    }
    /// The characters from `pos` on that `keep` accepts, consumed.
    fn take(&mut self, keep: impl Fn(char) -> bool) -> String {
        let start = self.pos;
        while self.peek().is_some_and(&keep) {
            self.pos += 1;
        }
        self.s
            .get(start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect()
    }
    fn err(&self, message: impl Into<String>) -> InputError {
        at(self.line, message.into())
    }
    fn fail<T>(&self, message: impl Into<String>) -> Result<T, InputError> {
        Err(self.err(message))
    }
    fn skip_ws(&mut self) {
        self.take(|c| c == ' ' || c == '\t');
    }
    fn skip_comment(&mut self) {
        if self.peek() == Some('#') {
            self.take(|c| c != '\n' && c != '\r');
        }
    }
    fn eat_newline(&mut self) -> bool {
        let crlf = self.peek() == Some('\r') && self.peek_at(1) == Some('\n');
        let hit = self.eat('\n') || (crlf && self.eat('\r') && self.eat('\n'));
        self.line += usize::from(hit);
        hit
    }
    /// Spaces, comments and newlines (inside arrays).
    fn skip_blank(&mut self) {
        loop {
            self.skip_ws();
            self.skip_comment();
            if !self.eat_newline() {
                return;
            }
        }
    }
    fn end_of_line(&mut self) -> Result<(), InputError> {
        self.skip_ws();
        self.skip_comment();
        match self.peek() {
            None => Ok(()),
            _ if self.eat_newline() => Ok(()),
            Some(c) => self.fail(format!(
                "expected the end of the line or a # comment, found {}",
                crate::error::quoted_char(c)
            )),
        }
    }

    /// A key: bare or quoted parts joined by dots, spaces around them skipped.
    fn key(&mut self) -> Result<Vec<String>, InputError> {
        let mut keys = Vec::new();
        loop {
            self.skip_ws();
            let part = if matches!(self.peek(), Some('"' | '\'')) {
                self.string()?
            } else {
                let bare = self.take(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if bare.is_empty() {
                    return self
                        .fail("expected a key (letters, digits, _ and -, or a quoted string)");
                }
                bare
            };
            keys.push(part);
            self.skip_ws();
            if !self.eat('.') {
                return Ok(keys);
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Tree, InputError> {
        if depth > MAX_DEPTH {
            return self.fail("arrays, tables and keys nested too deeply");
        }
        match self.peek() {
            Some('"' | '\'') => self.string().map(|s| Tree::plain(Value::Str(s))),
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_blank();
                    if self.eat(']') {
                        return Ok(Tree::plain(Value::Array(items, Tail::Closed)));
                    }
                    items.push(self.value(depth + 1)?);
                    self.skip_blank();
                    if self.eat(']') {
                        return Ok(Tree::plain(Value::Array(items, Tail::Closed)));
                    }
                    if !self.eat(',') {
                        return self.fail("expected ',' or ']' in the array");
                    }
                }
            }
            Some('{') => {
                self.pos += 1;
                let mut table = Table::default();
                self.skip_ws();
                while !self.eat('}') {
                    if !table.map.is_empty() && !self.eat(',') {
                        return self.fail("expected ',' or '}' in the inline table (one line)");
                    }
                    let keys = self.key()?;
                    if !self.eat('=') {
                        return self.fail("expected '=' after the key");
                    }
                    self.skip_ws();
                    let value = self.value(depth + keys.len())?;
                    insert(&mut table, &keys, value).map_err(|m| self.err(m))?;
                    self.skip_ws();
                }
                Ok(table.into_tree())
            }
            _ => match self
                .take(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '.' | ':'))
                .as_str()
            {
                "true" => Ok(Tree::plain(Value::Bool(true))),
                "false" => Ok(Tree::plain(Value::Bool(false))),
                "" => self.fail(
                    "expected a value: a \"string\", number, true, false, [array] or {table}",
                ),
                token => number(token).map(Tree::plain).map_err(|m| self.err(m)),
            },
        }
    }

    /// A one-line basic ("...", with escapes) or literal ('...') string.
    fn string(&mut self) -> Result<String, InputError> {
        let quote = self.peek().unwrap_or('"');
        if self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote) {
            return self.fail(
                "multi-line strings (\"\"\" or ''') are not supported: write it on one line",
            );
        }
        self.pos += 1;
        let mut out = String::new();
        loop {
            let c = self.peek();
            self.pos += 1;
            match c {
                Some(c) if c == quote => return Ok(out),
                Some('\\') if quote == '"' => out.push(self.escape()?),
                Some(c) if !c.is_control() || c == '\t' => out.push(c),
                None | Some('\n' | '\r') => {
                    self.pos -= 1;
                    return self.fail(format!(
                        "expected the closing {quote} of the string on its line"
                    ));
                }
                Some(c) => {
                    return self.fail(format!(
                        "control character {} in a string: escape it",
                        crate::error::quoted_char(c)
                    ))
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, InputError> {
        const SIMPLE: [(char, char); 7] = [
            ('b', '\u{8}'),
            ('t', '\t'),
            ('n', '\n'),
            ('f', '\u{c}'),
            ('r', '\r'),
            ('"', '"'),
            ('\\', '\\'),
        ];
        let c = self.peek();
        self.pos += usize::from(c.is_some());
        if let Some((_, plain)) = SIMPLE.iter().find(|(e, _)| Some(*e) == c) {
            return Ok(*plain);
        }
        let width =
            match c {
                Some('u') => 4,
                Some('U') => 8,
                _ => return self.fail(
                    "invalid escape: expected \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX or \\UXXXXXXXX",
                ),
            };
        let hex: String = self
            .s
            .get(self.pos..self.pos + width)
            .unwrap_or_default()
            .iter()
            .collect();
        self.pos += width;
        let digits = hex.len() == width && hex.chars().all(|c| c.is_ascii_hexdigit());
        match crate::integer::parse::<u32>(&hex, 16).and_then(char::from_u32) {
            Some(c) if digits => Ok(c),
            _ => self.fail(format!(
                "invalid escape: expected {width} hex digits of a Unicode scalar value"
            )),
        }
    }
}

/// Digits of `radix` with single `_` between them.
fn digits_ok(s: &str, radix: u32) -> bool {
    let inner = !s.starts_with('_') && !s.ends_with('_') && !crate::find::has(s, "__");
    !s.is_empty() && inner && s.chars().all(|c| c == '_' || c.is_digit(radix))
}

/// An integer or float token (`+1_000`, `0xff`, `-0.5`, `1e3`).
fn number(token: &str) -> Result<Value, String> {
    let bad =
        || format!("`{token}` is not a value: expected a number, true, false or a \"string\"");
    let too_big = || format!("`{token}` does not fit in a 64-bit integer");
    let infinite = || format!("`{token}` is not a finite number (JSON cannot hold it)");
    let body = token.strip_prefix(['+', '-']).unwrap_or(token);
    let year = body
        .get(..4)
        .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    if matches!(body, "inf" | "nan") {
        return Err(infinite());
    } else if body.as_bytes().contains(&b':') || (year && body.get(4..5) == Some("-")) {
        return Err(format!(
            "`{token}`: dates and times are not supported: write a \"string\""
        ));
    }
    let clean: String = token.chars().filter(|c| *c != '_').collect();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = body.strip_prefix(prefix) {
            if body.len() != token.len() || !digits_ok(digits, radix) {
                return Err(bad());
            }
            let digits = clean.get(2..).unwrap_or_default();
            return crate::integer::signed(digits, radix)
                .map(integer)
                .ok_or_else(too_big);
        }
    }
    let (mantissa, exp) = body
        .split_once(['e', 'E'])
        .map_or((body, None), |(m, e)| (m, Some(e)));
    let (int, frac) = mantissa
        .split_once('.')
        .map_or((mantissa, None), |(i, f)| (i, Some(f)));
    let valid = digits_ok(int, 10)
        && !(int.len() > 1 && int.starts_with('0'))
        && frac.into_iter().all(|f| digits_ok(f, 10))
        && exp
            .into_iter()
            .all(|e| digits_ok(e.strip_prefix(['+', '-']).unwrap_or(e), 10));
    if !valid {
        return Err(bad());
    } else if frac.is_none() && exp.is_none() {
        return crate::integer::signed(&clean, 10)
            .map(integer)
            .ok_or_else(too_big);
    }
    let float = crate::decimal::read(&clean).ok_or_else(bad)?;
    if float.is_finite() {
        Ok(Value::Float(float))
    } else {
        Err(infinite())
    }
}

/// An integer as serde_json reads it back: unsigned unless negative.
fn integer(n: i64) -> Value {
    u64::try_from(n).map_or(Value::Signed(n), Value::Unsigned)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::tree::to_serde;
    use crate::error::InputError;
    use crate::scenarios::builtins;
    use serde_json::{json, Value};

    /// The tree as a serde_json value, to compare with what the `toml` crate reads.
    fn to_json(text: &str) -> Result<Value, InputError> {
        super::to_tree(text).map(|t| to_serde::json(&t))
    }

    fn ok(text: &str) -> Value {
        to_json(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    /// The error for `text`: its line and message.
    fn fails(text: &str) -> (String, String) {
        match to_json(text) {
            Ok(v) => panic!("{text:?} was read as {v}"),
            Err(e) => (e.path, e.message),
        }
    }

    /// Every scenario file of the repository (the built-ins are these, embedded).
    #[cfg(feature = "toml")]
    fn fixtures() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        files.extend(builtins().map(|b| (format!("builtin:{}", b.name), b.toml().to_string())));
        files
    }

    #[cfg(feature = "toml")]
    fn same_as_toml(name: &str, text: &str) {
        let expected: Value = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: toml: {e}"));
        let got = to_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, expected, "{name}");
    }

    #[test]
    fn builtins_read_as_their_embedded_json() {
        let mut n = 0;
        for b in builtins() {
            let expected: Value = serde_json::from_str(b.json).unwrap();
            assert_eq!(ok(b.toml()), expected, "builtin:{}", b.name);
            n += 1;
        }
        assert!(n >= 18, "only {n} built-ins");
    }

    #[cfg(feature = "toml")]
    #[test]
    fn fixtures_read_as_the_toml_crate_reads_them() {
        let files = fixtures();
        assert!(files.len() >= 36);
        for (name, text) in files {
            same_as_toml(&name, &text);
        }
    }

    /// The scenarios as the `toml` crate writes them (what the CLI and tests produce).
    #[cfg(feature = "toml")]
    #[test]
    fn written_scenarios_read_as_the_toml_crate_reads_them() {
        for b in builtins() {
            let file = b.file().unwrap();
            same_as_toml(b.name, &toml::to_string(&file).unwrap());
            same_as_toml(b.name, &toml::to_string_pretty(&file).unwrap());
        }
    }

    /// The timing model's fields (guest rates, uplink MTU) read as the `toml` crate reads them.
    #[cfg(feature = "toml")]
    #[test]
    fn timing_fields_read_as_the_toml_crate_reads_them() {
        for b in builtins() {
            // The built-ins carry rates of their own: replaced by a fractional one.
            let text: String = b
                .toml()
                .lines()
                .filter(|l| !l.starts_with("dirty_mib_per_s") && !l.starts_with("write_mib_per_s"))
                .map(|l| format!("{l}\n"))
                .collect();
            let text = text
                .replacen(
                    "home_mib = 300",
                    "home_mib = 300\ndirty_mib_per_s = 1500.5\nwrite_mib_per_s = 80",
                    1,
                )
                .replace("gbps = 10\n", "gbps = 10\nmtu = 9000\n");
            same_as_toml(b.name, &text);
        }
    }

    /// Decoding through this reader gives the same file, and the same field path on a bad field.
    #[cfg(feature = "toml")]
    #[test]
    fn decoding_gives_the_same_file_and_error_paths() {
        use crate::format::{decode_scenario_file, ScenarioFile};
        // As decode.rs does without the `toml` crate.
        let decode = |text: &str| -> Result<ScenarioFile, String> {
            let json = to_json(text).map_err(|e| e.to_string())?.to_string();
            let mut de = serde_json::Deserializer::from_str(&json);
            serde_path_to_error::deserialize(&mut de).map_err(|e| e.path().to_string())
        };
        for b in builtins() {
            assert_eq!(
                decode(b.toml()),
                Ok(decode_scenario_file(b.toml()).unwrap())
            );
            for (from, to) in [
                ("memory_gib = 16", "memory_gib = \"16\""),
                ("name = \"vmk1\"", "name = \"vmk1\"\nmtu = 9000"),
                ("gbps = 10", "gbps = true"),
            ] {
                let text = b.toml().replacen(from, to, 1);
                if text == b.toml() {
                    continue;
                }
                let expected = decode_scenario_file(&text).unwrap_err().path;
                assert_eq!(decode(&text), Err(expected), "{} with {to}", b.name);
            }
        }
    }

    /// Without the `toml` crate, `decode_scenario_file` reads TOML through this reader: the same
    /// files as from the embedded JSON, field paths for bad fields, `line N` for bad syntax.
    #[cfg(not(feature = "toml"))]
    #[test]
    fn decode_reads_toml_without_the_toml_crate() {
        use crate::format::decode_scenario_file;
        for b in builtins() {
            assert_eq!(decode_scenario_file(b.toml()), b.file(), "{}", b.name);
        }
        let text = builtins().next().unwrap().toml();
        let bad = text.replacen("memory_gib = 16", "memory_gib = \"16\"", 1);
        let e = decode_scenario_file(&bad).unwrap_err();
        assert_eq!(e.path, "vm.memory_gib", "{e}");
        assert_eq!(
            e.message, "invalid type: string \"16\", expected f64",
            "{e}"
        );
        let e = decode_scenario_file("title = \"x\"\nversion = 8.0.1\n").unwrap_err();
        assert_eq!(e.path, "line 2", "{e}");
    }

    #[test]
    fn comments_blank_lines_and_keys() {
        let text = "# top\n\n  \t\ntitle = \"t\" # after\n\"quoted key\" = 1\n'lit key' = 2\na.b . c = 3\na.d = 4\n\"x.y\".z = 5\nbare-key_1 = 6\r\n";
        assert_eq!(
            ok(text),
            json!({"title": "t", "quoted key": 1, "lit key": 2, "a": {"b": {"c": 3}, "d": 4}, "x.y": {"z": 5}, "bare-key_1": 6})
        );
        assert_eq!(ok(""), json!({}));
        assert_eq!(ok("\u{feff}a = 1"), json!({"a": 1}));
    }

    #[test]
    fn tables_and_arrays_of_tables() {
        let text = "[vm]\nname = \"app\"\n[[vm.disks]]\nbase_gib = 40\n[[vm.disks]]\nbase_gib = 2\n[ vm.extra ]\nx = 1\n\
                    [source]\nname = \"esx01\"\n[[source.vmknics]]\nname = \"vmk0\"\n[[ source.vmknics ]]\nname = \"vmk1\"\n\
                    [source.vmknics.opts]\ny = 2\n[a.b.c]\n[a]\nz = 3\n";
        assert_eq!(
            ok(text),
            json!({
                "vm": {"name": "app", "disks": [{"base_gib": 40}, {"base_gib": 2}], "extra": {"x": 1}},
                "source": {"name": "esx01", "vmknics": [{"name": "vmk0"}, {"name": "vmk1", "opts": {"y": 2}}]},
                "a": {"b": {"c": {}}, "z": 3}
            })
        );
    }

    #[test]
    fn strings() {
        let text = r#"a = "q\" b\\ n\n t\t u\u00e9 U\U0001F600 \b\f\r"
b = 'C:\path\n "as is"'
c = ""
d = "ünï # not a comment"
"#;
        assert_eq!(
            ok(text),
            json!({"a": "q\" b\\ n\n t\t u\u{e9} U\u{1F600} \u{8}\u{c}\r", "b": "C:\\path\\n \"as is\"", "c": "", "d": "ünï # not a comment"})
        );
    }

    #[test]
    fn numbers_and_booleans() {
        let text = "a = 1_000\nb = +7\nc = -3\nd = 0\ne = 1.5\nf = -0.5\ng = 1e3\nh = 2.5E-2\ni = 1_0.2_5\n\
                    j = 0xff\nk = 0o17\nl = 0b101\nm = true\nn = false\no = 9223372036854775807\np = -9223372036854775808\n";
        assert_eq!(
            ok(text),
            json!({"a": 1000, "b": 7, "c": -3, "d": 0, "e": 1.5, "f": -0.5, "g": 1000.0, "h": 0.025, "i": 10.25,
                   "j": 255, "k": 15, "l": 5, "m": true, "n": false, "o": i64::MAX, "p": i64::MIN})
        );
        // Integers stay integers, floats stay floats (the file shape reads both).
        assert!(ok("a = 1")["a"].is_i64());
        assert!(ok("a = 1.0")["a"].is_f64());
    }

    #[test]
    fn arrays_and_inline_tables() {
        let text = "snapshots_gib = [2, 1, 0.5]\nempty = []\nmulti = [ # comment\n  \"a\", # one\n\n  \"b\",   # trailing comma\n]\n\
                    nested = [[1, 2], ['x']]\nstacks = { vmotion = { gateway = \"10.20.1.1\" } }\n\
                    routes = [ { network = \"10.0.21.0/24\", gateway = \"10.0.20.1\" }, {} ]\ndotted = { a.b = 1, c = \"x\" }\n";
        assert_eq!(
            ok(text),
            json!({
                "snapshots_gib": [2, 1, 0.5], "empty": [], "multi": ["a", "b"], "nested": [[1, 2], ["x"]],
                "stacks": {"vmotion": {"gateway": "10.20.1.1"}},
                "routes": [{"network": "10.0.21.0/24", "gateway": "10.0.20.1"}, {}],
                "dotted": {"a": {"b": 1}, "c": "x"}
            })
        );
    }

    /// Small documents exercising each construct, read exactly as the `toml` crate reads them.
    #[cfg(feature = "toml")]
    #[test]
    fn constructs_read_as_the_toml_crate_reads_them() {
        let docs = [
            "a = 1\nb.c = 'x'\n[t]\nd = [1, [2.5, \"s\"], {e = true}]\n",
            "[a.b.c]\n[a]\nx = 1\n",
            "[[a.b]]\n[a]\n[[a.b]]\nx = 1\n",
            "[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n",
            "[x]\ny.z = 1\n[x.y.w]\nq = 2\n",
            "a = 1e-3\nb = -0.0\nc = 3.0e+2\nd = 1_2.3_4e5_6\ne = 0.1\nf = 123456789.123456789\n",
            "s = \"\\u0041\\U0001F600\\\"\"\nt = '\\'\n",
            "k = [\n  1,\n  2 # two\n  ,\n  3,\n]\n",
            "a = { }\nb = {x=1,y={z=[1,{w=2}]}}\n",
            "\"\" = 1\n'y' . x = 2\nz.'' = 3\n",
            "a=1#c\n[b]#c\nc=2",
            "a = 1\r\nb = 2\r\n",
        ];
        for doc in docs {
            same_as_toml(doc, doc);
        }
    }

    #[test]
    fn errors_name_the_line_and_what_was_expected() {
        let cases: &[(&str, &str, &str)] = &[
            ("a = 1\nb 2\n", "line 2", "expected '='"),
            ("a = 1\na = 2\n", "line 2", "duplicate key `a`"),
            (
                "[t]\nx = 1\n\n[t]\n",
                "line 4",
                "table [t] is defined twice",
            ),
            ("[a.b]\n[a]\n[a.b]\n", "line 3", "defined twice"),
            ("a = 1\n[a]\n", "line 2", "not as a table"),
            (
                "a = [1]\n[[a]]\n",
                "line 2",
                "`a` is not an array of tables",
            ),
            ("[[a]]\n[a]\n", "line 2", "not as a table"),
            ("[a]\nb = 1\n[a.b.c]\n", "line 3", "`b` is already a value"),
            ("a = {x = 1}\na.y = 2\n", "line 2", "cannot add to it"),
            ("[a.b]\n[a]\nb.c = 1\n", "line 3", "cannot add to it"),
            ("[a]\nb.c = 1\n[a.b]\n", "line 3", "defined twice"),
            ("x = {a = 1, a = 2}\n", "line 1", "duplicate key `a`"),
            ("\n\nname = \"esx01\n", "line 3", "closing \""),
            ("a = 'x\nb'\n", "line 1", "closing '"),
            ("a = \"\\q\"\n", "line 1", "invalid escape"),
            ("a = \"\\uD800\"\n", "line 1", "hex digits"),
            ("a = \"\\u12\"\n", "line 1", "hex digits"),
            ("a = \n", "line 1", "expected a value"),
            ("a = [1, 2\n", "line 2", "expected ',' or ']'"),
            ("a = [1,,2]\n", "line 1", "expected a value"),
            ("a = {x = 1\n", "line 1", "expected ',' or '}'"),
            ("a = {x = 1,}\n", "line 1", "expected a key"),
            ("a = {x = 1,\ny = 2}\n", "line 1", "expected a key"),
            ("[a\n", "line 1", "expected ']'"),
            ("[[a]\n", "line 1", "expected ']]'"),
            ("[]\n", "line 1", "expected a key"),
            ("a = 1 b = 2\n", "line 1", "end of the line"),
            ("[a] x = 1\n", "line 1", "end of the line"),
            ("a = yes\n", "line 1", "`yes` is not a value"),
            ("a = 01\n", "line 1", "`01` is not a value"),
            ("a = 1__0\n", "line 1", "not a value"),
            ("a = _1\n", "line 1", "`_1` is not a value"),
            ("a = 1.\n", "line 1", "not a value"),
            ("a = .5\n", "line 1", "`.5` is not a value"),
            ("a = 1e\n", "line 1", "not a value"),
            ("a = -0x1\n", "line 1", "not a value"),
            ("a = 9223372036854775808\n", "line 1", "64-bit"),
            ("a = 1e999\n", "line 1", "not a finite number"),
            ("a = \"tab\tok\u{1}\"\n", "line 1", "control character"),
            ("a = 1\rb = 2\n", "line 1", "end of the line"),
        ];
        for (text, line, fragment) in cases {
            let (path, message) = fails(text);
            assert_eq!(&path, line, "{text:?}: {message}");
            assert!(
                message.contains(fragment),
                "{text:?}: {message:?} lacks {fragment:?}"
            );
            #[cfg(feature = "toml")]
            assert!(
                toml::from_str::<Value>(text).is_err(),
                "toml reads {text:?}"
            );
        }
    }

    /// Valid TOML this reader refuses, each with a message saying so.
    #[test]
    fn unsupported_constructs_are_refused_clearly() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "a = 1\nb = \"\"\"\nx\"\"\"\n",
                "line 2",
                "multi-line strings",
            ),
            ("b = '''x'''\n", "line 1", "multi-line strings"),
            ("\nd = 1979-05-27\n", "line 2", "dates and times"),
            ("d = 1979-05-27T07:32:00Z\n", "line 1", "dates and times"),
            ("t = 07:32:00\n", "line 1", "dates and times"),
            (
                "x = [\n1,\ninf]\n",
                "line 3",
                "`inf` is not a finite number",
            ),
            ("x = -nan\n", "line 1", "`-nan` is not a finite number"),
        ];
        for (text, line, fragment) in cases {
            let (path, message) = fails(text);
            assert_eq!(&path, line, "{text:?}: {message}");
            assert!(
                message.contains(fragment),
                "{text:?}: {message:?} lacks {fragment:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for text in [
            format!("a = {}", "[".repeat(100_000)),
            format!("a = {}1{}", "[".repeat(200), "]".repeat(200)),
            format!("a = {}", "{b = ".repeat(100_000)),
            format!("{} = 1", vec!["k"; 100_000].join(".")),
            format!("[{}]", vec!["k"; 100_000].join(".")),
            format!(
                "[{}]\na = {}1{}",
                vec!["k"; 100].join("."),
                "[".repeat(100),
                "]".repeat(100)
            ),
        ] {
            let (_, message) = fails(&text);
            assert!(message.contains("too deeply"), "{message}");
        }
        let deep = ok(&format!("a = {}1{}", "[".repeat(100), "]".repeat(100)));
        assert!(deep["a"].is_array());
    }

    /// Truncated and mutated built-ins never panic; with the `toml` crate at hand, whatever either
    /// reader accepts, both accept and read the same.
    #[test]
    fn truncations_and_mutations_never_panic() {
        let mut checked = 0;
        for b in builtins() {
            let text = b.toml();
            // Cut at every line end and every 29th character; change every 13th character.
            let cuts = text.char_indices().map(|(i, _)| i);
            let cuts =
                cuts.filter(|i| i % 29 == 0 || text.get(*i..).is_some_and(|t| t.starts_with('\n')));
            let mut variants: Vec<String> = cuts
                .filter_map(|i| text.get(..i))
                .map(str::to_string)
                .collect();
            let marks = [
                "[", "]", "{", "}", "=", "\"", "'", "#", ",", ".", "\n", "\\", "é", "", "0", " ",
                "[[", "\"\"\"",
            ];
            for (n, (i, c)) in text.char_indices().step_by(13).enumerate() {
                let m = marks.get(n % marks.len()).copied().unwrap_or("");
                if let (Some(head), Some(tail)) = (text.get(..i), text.get(i + c.len_utf8()..)) {
                    variants.push(format!("{head}{m}{tail}"));
                }
            }
            for v in &variants {
                let got = to_json(v);
                #[cfg(feature = "toml")]
                if let Ok(expected) = toml::from_str::<Value>(v) {
                    let unsupported = v.contains("\"\"\"") || v.contains("'''");
                    if !unsupported {
                        assert_eq!(got.as_ref().ok(), Some(&expected), "{v}");
                    }
                } else {
                    assert!(got.is_err(), "read what toml refuses: {v}");
                }
                checked += usize::from(got.is_ok() || got.is_err());
            }
        }
        eprintln!("{checked} variants");
        assert!(checked > 5_000, "{checked}");
    }
}
