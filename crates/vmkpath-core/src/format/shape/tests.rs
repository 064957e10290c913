//! The serde-free decoding (`tree` + `shape`, the wasm build's) against serde (the native
//! build's): the same file or the same path and message, on every built-in and on thousands of
//! truncated, mutated and reshaped variants, JSON and TOML.
#![allow(clippy::unwrap_used)]
// Without the `toml` crate only the hard-coded checks run (there is no serde to compare with).
#![cfg_attr(not(feature = "toml"), allow(dead_code, unused_imports))]

use super::{float_text, notation};
use crate::error::InputError;
use crate::format::decode::{decode_json_lite, decode_toml_lite};
use crate::format::ScenarioFile;
use crate::scenarios::builtins;

/// What the native build says for JSON (serde_json + serde_path_to_error).
#[cfg(feature = "toml")]
fn serde_json_says(text: &str) -> Result<ScenarioFile, InputError> {
    crate::format::decode_scenario_file(text)
}

/// What the wasm build said for TOML before: the small reader's JSON through serde_json, the
/// position (in that JSON) cut off.
#[cfg(feature = "toml")]
fn serde_toml_lite_says(text: &str) -> Result<ScenarioFile, InputError> {
    let tree = super::super::toml_lite::to_tree(text)?;
    let json = super::super::tree::to_serde::json(&tree).to_string();
    let mut de = serde_json::Deserializer::from_str(&json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let at = format!(" at line {} column {}", inner.line(), inner.column());
        let message = inner.to_string();
        let message = message.strip_suffix(&at).unwrap_or(&message).to_string();
        let path = e.path().to_string();
        InputError::new(if path == "." { String::new() } else { path }, message)
    })
}

/// Cut at every line end and every `step`th byte; change every `step`th character.
fn variants(text: &str, step: usize, marks: &[&str]) -> Vec<String> {
    let cuts = text.char_indices().map(|(i, _)| i);
    let cuts =
        cuts.filter(|i| i % step == 0 || text.get(*i..).is_some_and(|t| t.starts_with('\n')));
    let mut out: Vec<String> = cuts
        .filter_map(|i| text.get(..i))
        .map(str::to_string)
        .collect();
    for (n, (i, c)) in text.char_indices().step_by(step).enumerate() {
        let m = marks.get(n % marks.len()).copied().unwrap_or("");
        if let (Some(head), Some(tail)) = (text.get(..i), text.get(i + c.len_utf8()..)) {
            out.push(format!("{head}{m}{tail}"));
            out.push(format!("{head}{m}{c}{tail}"));
        }
    }
    out
}

const JSON_MARKS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ":",
    "\"",
    ",",
    "",
    " ",
    "\n",
    "\\",
    "\\u",
    "\\ud800",
    "\\udc00",
    "\\ud800\\u0041",
    "\u{1}",
    "é",
    "0",
    "-",
    "01",
    "1.",
    "1e",
    "1e+",
    "-0",
    "1.5",
    "1e400",
    "1e-400",
    "1e99999999999",
    "18446744073709551616",
    "-9223372036854775809",
    "n",
    "nul",
    "null",
    "true",
    "tru",
    "false",
    "[1]",
    "{}",
    "[]",
    "\"x\"",
    "\t",
    "\r",
    "/",
    "9",
];

#[cfg(feature = "toml")]
fn same_json(text: &str) -> bool {
    use crate::format::SourceFormat;
    if SourceFormat::sniff(text) != SourceFormat::Json {
        return true;
    }
    let expected = serde_json_says(text);
    let got = decode_json_lite(text);
    assert_eq!(got, expected, "{text}");
    got.is_ok()
}

/// Every built-in, compact (as embedded) and pretty, whole and broken in many ways.
#[cfg(feature = "toml")]
#[test]
fn json_reads_as_serde_json_reads_it() {
    let (mut ok, mut err) = (0, 0);
    for b in builtins() {
        assert!(same_json(b.json), "{}", b.name);
        let pretty = serde_json::to_string_pretty(&b.file().unwrap()).unwrap();
        assert!(same_json(&pretty), "{}", b.name);
        for (text, step) in [(b.json, 7), (pretty.as_str(), 11)] {
            for v in variants(text, step, JSON_MARKS) {
                if same_json(&v) {
                    ok += 1;
                } else {
                    err += 1;
                }
            }
        }
    }
    eprintln!("{ok} accepted, {err} refused");
    assert!(ok > 100 && err > 20_000, "{ok} accepted, {err} refused");
}

/// Values of every kind in every field of one built-in, and its structs written as arrays.
#[cfg(feature = "toml")]
#[test]
fn every_field_takes_every_kind_of_value_as_serde_does() {
    let b = builtins().next().unwrap();
    let value = serde_json::to_value(b.file().unwrap()).unwrap();
    let kinds = [
        "null",
        "true",
        "0",
        "-3",
        "7.5",
        "-0",
        "1e300",
        "1e16",
        "123456789.125",
        "0.00001",
        "5e-324",
        "4294967296",
        "\"s\\\"q\\u00e9\"",
        "[]",
        "[1, \"a\"]",
        "{}",
        "{\"gateway\": \"x\"}",
        "[\"vmotion\"]",
        "[\"vmotion\", true, null, 4]",
        "[\"vmotion\", true, null]",
        "[\"vmotion\", 1]",
        "[\"a\", 16, 0, [], 1, 2, 3]",
        "[\"a\", 16, 0, [], 1, 2]",
        "[\"a\"]",
        "[\"vmnic0\", 10, 9000, 1]",
        "[\"vmnic0\", 10, 9000,]",
        "[\"vmnic0\", 10, 9000 x]",
        "[\"vmnic0\", 10, 9000, ",
        "-1",
        "1.0",
    ];
    let mut pointers = Vec::new();
    collect_pointers(&value, String::new(), &mut pointers);
    let mut checked = 0;
    for pointer in &pointers {
        for kind in kinds {
            let mut v = value.clone();
            *v.pointer_mut(pointer).unwrap() = serde_json::Value::String("\u{0}MARK".into());
            let text = serde_json::to_string_pretty(&v).unwrap();
            let text = text.replacen("\"\\u0000MARK\"", kind, 1);
            same_json(&text);
            checked += 1;
        }
    }
    // Unknown, repeated and missing fields, at the top and nested.
    for (from, to) in [
        ("{", "{\"colour\": 1, "),
        ("{", "{\"title\": \"a\", \"title\": \"b\", "),
        ("\"kind\"", "\"kind\": 1, \"kind\""),
        ("\"kind\"", "\"speed\" : 1, \"kind\""),
        ("\"kind\"", "\"speed\" }, \"kind\""),
        ("\"name\"", "\"x\\u0041\": 1, \"name\""),
        ("\"name\"", "\"na\\u006de\""),
        ("\"version\"", "\"versio\""),
        ("\"ip\"", "\"ipx\""),
    ] {
        same_json(&b.json.replacen(from, to, 1));
        checked += 1;
    }
    assert!(checked > 1_000, "{checked}");
}

#[cfg(feature = "toml")]
fn collect_pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    if !at.is_empty() {
        out.push(at.clone());
    }
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                collect_pointers(v, format!("{at}/{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The TOML built-ins, whole and mutated, decode as they did through serde_json.
#[cfg(feature = "toml")]
#[test]
fn toml_reads_as_it_did_through_serde_json() {
    let marks = [
        "[", "]", "{", "}", "=", "\"", "'", "#", ",", ".", "\n", "é", "", "0", " ", "[[", "1.5",
        "-1", "true", "x = 1\n", "[x]\n", "\"s\"", "[1]", "{a = 1}",
    ];
    let mut checked = 0;
    for b in builtins() {
        assert_eq!(decode_toml_lite(b.toml()), b.file(), "{}", b.name);
        for v in variants(b.toml(), 13, &marks) {
            assert_eq!(decode_toml_lite(&v), serde_toml_lite_says(&v), "{v}");
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked}");
}

/// serde_json's validation messages, hard-coded: these are what the widget shows.
#[test]
fn messages_keep_their_wording() {
    let b = builtins().next().unwrap();
    let e = decode_json_lite(
        &b.json
            .replacen("\"memory_gib\":16", "\"memory_gib\":\"16\"", 1),
    );
    let e = e.unwrap_err();
    assert_eq!(e.path, "vm.memory_gib");
    assert!(e
        .message
        .starts_with("invalid type: string \"16\", expected f64 at line 1 column "));
    let e = decode_json_lite("{\"colour\": 1}").unwrap_err();
    assert_eq!(e.path, "colour");
    assert!(e
        .message
        .starts_with("unknown field `colour`, expected one of `title`, `version`"));
    let e = decode_json_lite("{\n\"title\": \"x\"\n}").unwrap_err();
    assert_eq!(e.path, "");
    assert_eq!(e.message, "missing field `version` at line 3 column 1");
    let e = decode_json_lite("{\"title\": }").unwrap_err();
    assert_eq!(
        e,
        InputError::new("", "invalid JSON: expected value at line 1 column 11")
    );
    let e = decode_json_lite(&format!("{} x", b.json)).unwrap_err();
    assert!(e
        .message
        .starts_with("invalid JSON: trailing characters at line 1 column "));
    let e = decode_toml_lite(
        &b.toml()
            .replacen("memory_gib = 16", "memory_gib = \"16\"", 1),
    );
    let e = e.unwrap_err();
    assert_eq!(e.path, "vm.memory_gib");
    assert_eq!(e.message, "invalid type: string \"16\", expected f64");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for text in [
        format!("{{\"title\": {}", "[".repeat(100_000)),
        format!("{{\"title\": {}", "{\"a\":".repeat(100_000)),
        format!("{{\"vm\": {{\"disks\": {}", "[".repeat(100_000)),
    ] {
        assert!(decode_json_lite(&text).is_err());
    }
}

/// `float_text`'s digits and exponent as they were read from `{:e}`, in the same notation.
fn float_text_from_exponent(f: f64) -> String {
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    notation(sign, &digits, exp)
}

#[test]
fn float_text_is_the_text_it_was_written_from_the_exponent_form() {
    let mut values = vec![
        0.0, -0.0, 1.0, -1.5, 16.0, 1500.0, 0.001, 1e-5, 1e-6, 1.5e-7,
    ];
    values.extend([
        1e15,
        1e16,
        1.5e16,
        123456789012345680.0,
        5e-324,
        f64::MAX,
        f64::MIN,
    ]);
    for e in -324..=308 {
        values.push(format!("1e{e}").parse().unwrap());
        values.push(format!("-2.5e{e}").parse().unwrap());
        values.push(format!("1.2345678901234567e{e}").parse().unwrap());
    }
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for i in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        values.push(f64::from_bits(x));
        values.push(f64::from(i) / 7.0);
    }
    for f in values.into_iter().filter(|f| f.is_finite()) {
        assert_eq!(float_text(f), float_text_from_exponent(f), "{f:e}");
    }
}
