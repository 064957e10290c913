//! No input makes decoding panic: random bytes, random text, and random mutations of the
//! built-in scenarios (TOML and JSON) and of random valid scenarios.

use super::config;
use super::contract::decode_anything;
use super::generate::scenario_file;
use proptest::prelude::*;

/// Snippets that tend to matter to the decoder and the rules.
const SNIPPETS: [&str; 28] = [
    "[",
    "]",
    "{",
    "}",
    "=",
    "\"",
    ",",
    "\n",
    ".",
    "[[source.vmknics]]\n",
    "[destination]\n",
    "nan",
    "-1",
    "1e400",
    "0",
    "vmk0",
    "vmnic9",
    "10.0.0.300/24",
    "fd00::1/64",
    "::1",
    "0.0.0.0/0",
    "\"provisioning\"",
    "\"vmotion\"",
    "stack = \"vmotion\"\n",
    "gateway = \"10.0.0.1\"\n",
    "version = \"4.9\"\n",
    "#",
    "\u{feff}",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, snippet: usize },
    InsertChar { at: usize, c: char },
    DuplicateLine { line: usize },
    DropLine { line: usize },
    SwapLines { a: usize, b: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..20usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..SNIPPETS.len())
            .prop_map(|(at, snippet)| Mutation::Insert { at, snippet }),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Mutation::InsertChar { at, c }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        any::<usize>().prop_map(|line| Mutation::DropLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match *m {
        Mutation::Delete { at, len } => {
            let at = at % (chars.len() + 1);
            let end = (at + len).min(chars.len());
            chars.drain(at..end);
            chars.into_iter().collect()
        }
        Mutation::Insert { at, snippet } => {
            let at = at % (chars.len() + 1);
            chars.splice(at..at, SNIPPETS[snippet].chars());
            chars.into_iter().collect()
        }
        Mutation::InsertChar { at, c } => {
            let at = at % (chars.len() + 1);
            chars.insert(at, c);
            chars.into_iter().collect()
        }
        _ if lines.is_empty() => text.to_string(),
        Mutation::DuplicateLine { line } => {
            let line = line % lines.len();
            lines.insert(line, lines[line]);
            lines.concat()
        }
        Mutation::DropLine { line } => {
            lines.remove(line % lines.len());
            lines.concat()
        }
        Mutation::SwapLines { a, b } => {
            let n = lines.len();
            lines.swap(a % n, b % n);
            lines.concat()
        }
    }
}

/// The built-in scenario texts, and each as JSON.
fn seeds() -> Vec<String> {
    let mut out = Vec::new();
    for b in vmkpath_core::scenarios::builtins() {
        out.push(b.toml().to_string());
        let file = vmkpath_core::format::decode_scenario_file(b.toml())
            .unwrap_or_else(|e| panic!("builtin {} does not decode: {e}", b.name));
        out.push(serde_json::to_string_pretty(&file).unwrap());
        out.push(b.json.to_string());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..config() })]

    #[test]
    fn random_bytes_never_panic(raw in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_anything(&String::from_utf8_lossy(&raw));
    }

    #[test]
    fn random_text_never_panics(text in ".{0,300}") {
        decode_anything(&text);
        decode_anything(&format!("{{{text}"));
    }

    #[test]
    fn mutated_builtins_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let seeds = seeds();
        let mut text = seed.get(&seeds).clone();
        for m in &mutations {
            text = apply(&text, m);
            decode_anything(&text);
        }
    }

    #[test]
    fn mutated_valid_scenarios_never_panic(
        file in scenario_file(),
        json in any::<bool>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut text = if json {
            serde_json::to_string_pretty(&file).unwrap()
        } else {
            toml::to_string(&file).unwrap()
        };
        for m in &mutations {
            text = apply(&text, m);
            decode_anything(&text);
        }
    }
}
