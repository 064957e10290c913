//! Short names for the wasm's imports from wasm-bindgen's glue (issue 14). wasm-bindgen names
//! each import `__wbg_<method>_<16 hex digits of a hash>`, and each name is written twice, in the
//! wasm's import section and as a key of the glue's import object: about a hundred hashes that
//! gzip cannot shrink. Here the glue module is called `w` and its imports `a`, `b`, … `ba`, …, in
//! the wasm and in the glue alike; nothing else changes (the glue reads them only as the keys of
//! the object it passes to `WebAssembly.instantiate`).
//!
//! The names come from wasm-bindgen's own output (`split::BINDGEN`), in its import order, so every
//! module built from it (the shipped one, the size report's with names) gets the same ones.
//!
//! The module's function exports get short names too (`exports`): `widget_setReducedMotion`,
//! `wasm_bindgen_<hash>___convert__closures_____invoke_…`, read by the glue as `wasm.<name>`.
//! The export section -371 B gzip -9, the glue -186 (estimated on the built parts).
//! `__wbindgen_malloc` keeps its name: the split's profile script calls it.

use crate::wasm_bytes::{put_leb, put_name, Reader};
use crate::Result;
use std::path::Path;
use wasmparser::{Parser, Payload};

/// The module wasm-bindgen's glue gives the imports as.
const GLUE_MODULE: &str = "./vmkpath_wasm_bg.js";
const SHORT_MODULE: &str = "w";
/// Written into the glue once renamed (wasm-pack may leave the glue as it was).
const MARK: &str = "// Import names shortened by `cargo xtask build` (xtask/src/import_names.rs).";

/// (wasm-bindgen's name, the short one) for every import of the glue module.
pub fn names(bindgen: &Path) -> Result<Vec<(String, String)>> {
    let bytes = std::fs::read(bindgen).map_err(|e| format!("{}: {e}", bindgen.display()))?;
    let err = |e: wasmparser::BinaryReaderError| format!("{}: {e}", bindgen.display());
    let mut names = Vec::new();
    for payload in Parser::new(0).parse_all(&bytes) {
        if let Payload::ImportSection(imports) = payload.map_err(err)? {
            for import in imports.into_imports() {
                let import = import.map_err(err)?;
                if import.module == GLUE_MODULE {
                    names.push((import.name.to_string(), short(names.len())));
                }
            }
        }
    }
    Ok(names)
}

/// Function exports that keep their names (tests/split/profile.mjs calls it).
const KEPT_EXPORTS: [&str; 1] = ["__wbindgen_malloc"];

/// (wasm-bindgen's name, the short one) for every function export but `KEPT_EXPORTS`.
pub fn exports(bindgen: &Path) -> Result<Vec<(String, String)>> {
    let bytes = std::fs::read(bindgen).map_err(|e| format!("{}: {e}", bindgen.display()))?;
    let err = |e: wasmparser::BinaryReaderError| format!("{}: {e}", bindgen.display());
    let mut names = Vec::new();
    for payload in Parser::new(0).parse_all(&bytes) {
        if let Payload::ExportSection(exports) = payload.map_err(err)? {
            for export in exports {
                let export = export.map_err(err)?;
                if export.kind == wasmparser::ExternalKind::Func
                    && !KEPT_EXPORTS.contains(&export.name)
                {
                    names.push((export.name.to_string(), short(names.len())));
                }
            }
        }
    }
    Ok(names)
}

/// `a`..`z`, `A`..`Z`, then two letters, and so on: never a digit first.
fn short(mut i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = vec![LETTERS[i % LETTERS.len()]];
    i /= LETTERS.len();
    while i > 0 {
        i -= 1;
        out.insert(0, LETTERS[i % LETTERS.len()]);
        i /= LETTERS.len();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Rename the glue module's imports and the function exports of the wasm at `path` (in place).
pub fn rename_wasm(
    path: &Path,
    names: &[(String, String)],
    exports: &[(String, String)],
) -> Result {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let renamed =
        renamed_module(&bytes, names, exports).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, renamed).map_err(|e| format!("{}: {e}", path.display()))
}

fn renamed_module(
    b: &[u8],
    names: &[(String, String)],
    exports: &[(String, String)],
) -> Result<Vec<u8>> {
    let mut out = b.get(..8).ok_or("not a wasm module")?.to_vec();
    let mut r = Reader { b, at: 8 };
    while r.at < b.len() {
        let start = r.at;
        let (id, body) = r.section()?;
        if id == 2 {
            let section = renamed_imports(&b[body], names)?;
            out.push(2);
            put_leb(&mut out, section.len());
            out.extend(section);
        } else if id == 7 {
            let section = renamed_exports(&b[body], exports)?;
            out.push(7);
            put_leb(&mut out, section.len());
            out.extend(section);
        } else {
            out.extend_from_slice(&b[start..r.at]);
        }
    }
    Ok(out)
}

/// An export section with the function exports of `exports` renamed.
fn renamed_exports(s: &[u8], exports: &[(String, String)]) -> Result<Vec<u8>> {
    let mut r = Reader { b: s, at: 0 };
    let count = r.leb()?;
    let mut out = Vec::with_capacity(s.len());
    put_leb(&mut out, count as usize);
    for _ in 0..count {
        let name = r.name()?;
        let desc = r.at;
        let kind = r.byte()?;
        r.leb()?;
        let renamed = (kind == 0)
            .then(|| exports.iter().find(|(old, _)| old.as_bytes() == name))
            .flatten();
        put_name(
            &mut out,
            renamed.map_or(&name[..], |(_, new)| new.as_bytes()),
        );
        out.extend_from_slice(&s[desc..r.at]);
    }
    if r.at != s.len() {
        return Err("bytes after the last export".into());
    }
    Ok(out)
}

/// An import section with the glue module's names replaced; every other byte as it was.
fn renamed_imports(s: &[u8], names: &[(String, String)]) -> Result<Vec<u8>> {
    let mut r = Reader { b: s, at: 0 };
    let count = r.leb()?;
    let mut out = Vec::with_capacity(s.len());
    put_leb(&mut out, count as usize);
    for _ in 0..count {
        let start = r.at;
        let (module, field) = (r.name()?, r.name()?);
        let desc = r.at;
        r.import_desc()?;
        let renamed = (module == GLUE_MODULE.as_bytes())
            .then(|| names.iter().find(|(old, _)| old.as_bytes() == field))
            .flatten();
        match renamed {
            Some((_, new)) => {
                put_name(&mut out, SHORT_MODULE.as_bytes());
                put_name(&mut out, new.as_bytes());
            }
            None => out.extend_from_slice(&s[start..desc]),
        }
        out.extend_from_slice(&s[desc..r.at]);
    }
    if r.at != s.len() {
        return Err("bytes after the last import".into());
    }
    Ok(out)
}

/// Rename the imports in wasm-bindgen's glue at `path`: each name must be there exactly once (the
/// import object's key), the module name once. Each export is read as `wasm.<name>`.
pub fn rename_glue(
    path: &Path,
    names: &[(String, String)],
    exports: &[(String, String)],
) -> Result {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if text.contains(MARK) {
        return Ok(()); // renamed already (wasm-pack did not run again)
    }
    let mut text = text;
    for (old, new) in names {
        text = replace_token(&text, old, new).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    for (old, new) in exports {
        text = replace_export(&text, old, new).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let module = format!("\"{GLUE_MODULE}\"");
    if text.matches(&module).count() != 1 {
        return Err(format!(
            "{}: expected {module} once; wasm-bindgen's glue changed, update import_names.rs",
            path.display()
        ));
    }
    let text = format!(
        "{MARK}\n{}",
        text.replace(&module, &format!("\"{SHORT_MODULE}\""))
    );
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `text` with every `wasm.<old>` as `wasm.<new>`. Other identifiers of that name are the glue's
/// own functions (it wraps closure exports in functions named alike); a quoted `"<old>"` would be
/// a read by name, which the rename would break.
fn replace_export(text: &str, old: &str, new: &str) -> Result<String> {
    if text.contains(&format!("\"{old}\"")) || text.contains(&format!("'{old}'")) {
        return Err(format!(
            "the export {old} is read by its quoted name; wasm-bindgen's glue changed, update import_names.rs"
        ));
    }
    let ident =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(old) {
        let (before, after) = (&rest[..i], &rest[i + old.len()..]);
        out.push_str(before);
        let whole = !ident(before.chars().next_back()) && !ident(after.chars().next());
        out.push_str(if whole && before.ends_with("wasm.") {
            new
        } else {
            old
        });
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// `text` with the one occurrence of the identifier `old` (not part of a longer one) as `new`.
fn replace_token(text: &str, old: &str, new: &str) -> Result<String> {
    let ident =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let found: Vec<usize> = text
        .match_indices(old)
        .map(|(i, _)| i)
        .filter(|&i| {
            !ident(text[..i].chars().next_back()) && !ident(text[i + old.len()..].chars().next())
        })
        .collect();
    match found.as_slice() {
        [i] => Ok(format!("{}{new}{}", &text[..*i], &text[i + old.len()..])),
        _ => Err(format!(
            "the import {old} is there {} times, not once; wasm-bindgen's glue changed, update import_names.rs",
            found.len()
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn short_names_count_in_letters() {
        assert_eq!(short(0), "a");
        assert_eq!(short(51), "Z");
        assert_eq!(short(52), "aa");
        assert_eq!(short(53), "ab");
        assert_eq!(short(52 + 52 * 52), "aaa");
    }

    #[test]
    fn only_the_glue_modules_imports_are_renamed() {
        // Two imports: a function from the glue, a placeholder from elsewhere.
        let mut imports = vec![2];
        for (m, f) in [
            (GLUE_MODULE, "__wbg_x_0123456789abcdef"),
            ("placeholder", "7"),
        ] {
            put_name(&mut imports, m.as_bytes());
            put_name(&mut imports, f.as_bytes());
            imports.extend([0, 0]); // a function of type 0
        }
        let mut module = b"\0asm\x01\0\0\0\x02".to_vec();
        put_leb(&mut module, imports.len());
        module.extend(&imports);
        let names = vec![("__wbg_x_0123456789abcdef".to_string(), "a".to_string())];
        let out = renamed_module(&module, &names, &[]).unwrap();
        let mut want = vec![2];
        for (m, f) in [("w", "a"), ("placeholder", "7")] {
            put_name(&mut want, m.as_bytes());
            put_name(&mut want, f.as_bytes());
            want.extend([0, 0]);
        }
        assert_eq!(&out[9..], [&[want.len() as u8][..], &want].concat());
    }

    #[test]
    fn function_exports_are_renamed_in_the_module_and_as_wasm_dot_name() {
        let mut exports = vec![2];
        for (name, kind) in [("widget_play", 0u8), ("memory", 2)] {
            put_name(&mut exports, name.as_bytes());
            exports.extend([kind, 0]);
        }
        let mut module = b"\0asm\x01\0\0\0\x07".to_vec();
        put_leb(&mut module, exports.len());
        module.extend(&exports);
        let renames = vec![("widget_play".to_string(), "a".to_string())];
        let out = renamed_module(&module, &[], &renames).unwrap();
        assert!(out.windows(3).any(|w| w == b"\x01a\x00"));
        assert!(out.windows(7).any(|w| w == b"\x06memory"));
        let glue = "wasm.widget_play(p); wasm.widget_player(q);";
        assert_eq!(
            replace_export(glue, "widget_play", "a").unwrap(),
            "wasm.a(p); wasm.widget_player(q);"
        );
        assert!(replace_export("x[\"widget_play\"]()", "widget_play", "a").is_err());
        let glue = "export function builtins() { return wasm.builtins(); }";
        assert_eq!(
            replace_export(glue, "builtins", "b").unwrap(),
            "export function builtins() { return wasm.b(); }"
        );
    }

    #[test]
    fn a_glue_name_is_replaced_only_as_a_whole_identifier() {
        let text = "const i = { __wbg_a_01: function() {}, x__wbg_a_01y: 1 };";
        assert_eq!(
            replace_token(text, "__wbg_a_01", "a").unwrap(),
            "const i = { a: function() {}, x__wbg_a_01y: 1 };"
        );
        assert!(replace_token("{}", "__wbg_a_01", "a").is_err());
        assert!(replace_token("__wbg_a_01 __wbg_a_01", "__wbg_a_01", "a").is_err());
    }
}
