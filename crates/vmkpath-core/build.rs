//! Embeds every `scenarios/*.toml` of the workspace as a built-in, sorted by name: the TOML text
//! (for people), the same document as JSON (so the wasm build needs no TOML parser) and its
//! title (so listing the built-ins decodes none of them).
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("pub static BUILTINS: &[(&str, &str, &str)] = &[\n");
    let mut toml_texts = String::from("pub static BUILTIN_TOML: &[&str] = &[\n");
    for name in names {
        let path = dir.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json =
            serde_json::to_string(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = name.trim_end_matches(".toml");
        let title = value
            .get("title")
            .and_then(|t| t.as_str())
            .unwrap_or_default();
        out.push_str(&format!("    ({stem:?}, {title:?}, {json:?}),\n"));
        toml_texts.push_str(&format!(
            "    include_str!({:?}),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    toml_texts.push_str("];\n");
    out.push_str(&toml_texts);
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("builtin_scenarios.rs");
    fs::write(dest, out).unwrap_or_else(|e| panic!("cannot write builtin_scenarios.rs: {e}"));
}
