//! The wasm in two modules (issue 14): binaryen's `wasm-split` cuts the optimised module into a
//! primary (what every reader of built-in widgets runs: drawing, animating, every control, a
//! permalink) and the rest (the panels that explain: findings, "Why this path?" with its traces,
//! what-ifs, which the widget computes and draws only when one is opened; the host check, the
//! TOML reader, the tour, predict, error paths), from a profile recorded in Chromium:
//! `tests/split/profile.mjs` draws, plays and changes every built-in widget of the pages with an
//! instrumented module, and opens no panel. `www/vmk-path-split.js` loads the rest on first use.
//! wasm-split moves functions only; the data only the rest reaches follows them (data_split.rs,
//! with the linker's map, `LINK_MAP`), in the shipped build and in the size report's.
//!
//! Debian's binaryen 108 is the only `wasm-split` here, and its writer exports the wrong table as
//! wasm-bindgen's `__wbindgen_externrefs` (the function table, not the externref table): the
//! outputs' table exports are set right here, by type, and their custom sections dropped (names,
//! kept until then for the size report's owners).

use crate::wasm_bytes::Reader;
use crate::{run, workspace_root, Result};
use std::path::Path;

/// The primary keeps wasm-bindgen's name, so the glue's own loading finds it.
pub const PRIMARY: &str = "pkg/vmkpath_wasm_bg.wasm";
pub const REST: &str = "pkg/vmkpath_wasm_bg_rest.wasm";
/// wasm-bindgen's output before wasm-opt (kept for the size report's build with names).
pub const BINDGEN: &str = "target/split/bindgen.wasm";
/// wasm-ld's map of the module (crates/vmkpath-wasm/build.rs): where each data object lies.
pub const LINK_MAP: &str = "target/split/link.map";

pub const FEATURES: [&str; 6] = [
    "--enable-reference-types",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-multivalue",
];

/// Split the optimised module `whole` into `primary` and `rest`, working in `work` (a copy of
/// www/ for the profile run, the profile). `strip`: drop the custom sections (names) too.
pub fn split(whole: &Path, work: &Path, primary: &Path, rest: &Path, strip: bool) -> Result {
    let root = workspace_root();
    let profile = work.join("profile.bin");
    let profile_s = path_str(&profile)?;
    let whole_s = path_str(whole)?;
    // The profile run takes minutes; the same module, pages and script give the same profile.
    let key = format!("{:016x}", profile_key(whole)?);
    let key_file = work.join("profile.key");
    if !(profile.exists() && std::fs::read_to_string(&key_file).ok().as_deref() == Some(&key)) {
        let _ = std::fs::remove_dir_all(work.join("www"));
        // The profile: the module instrumented, in a copy of www/ read by the profile script.
        copy_dir(&root.join("www"), &work.join("www"))?;
        let instrumented = work.join("www").join(PRIMARY);
        let mut args = vec!["--instrument", whole_s, "-o", path_str(&instrumented)?];
        args.extend(FEATURES);
        run("wasm-split", &args)?;
        fix(&instrumented, false)?;
        let www = work.join("www");
        run(
            "node",
            &["tests/split/profile.mjs", path_str(&www)?, profile_s],
        )?;
        std::fs::write(&key_file, &key).map_err(|e| format!("{}: {e}", key_file.display()))?;
    } else {
        eprintln!("profile: {profile_s} is this module's, pages' and script's already");
    }

    // What the primary keeps: the profile's functions and their twins (twins.rs), by index
    // (the names wasm-split gives a module without a name section).
    let bytes = std::fs::read(whole).map_err(|e| format!("{}: {e}", whole.display()))?;
    let (_, bodies) = crate::likeness::bodies(&bytes)?;
    let profiled = std::fs::read(&profile).map_err(|e| format!("{}: {e}", profile.display()))?;
    let called = crate::twins::called(&profiled, bodies.len())?;
    let keep = crate::twins::keep(&bodies, &called);
    eprintln!(
        "twins: the primary keeps {} functions the profile did not call",
        keep.len() - called.iter().filter(|c| **c).count()
    );
    let list = work.join("keep.txt");
    let names: Vec<String> = keep.iter().map(usize::to_string).collect();
    std::fs::write(&list, names.join("\n")).map_err(|e| format!("{}: {e}", list.display()))?;
    let primary_arg = format!("--primary-output={}", path_str(primary)?);
    let rest_arg = format!("--secondary-output={}", path_str(rest)?);
    let keep_arg = format!("--keep-funcs=@{}", path_str(&list)?);
    let mut args = vec![
        "--split",
        &keep_arg,
        whole_s,
        &primary_arg,
        &rest_arg,
        // One-letter namespaces: each is written once per import (368 placeholders, ~600
        // imports of the rest), 487 B gzip -9 less than `placeholder` and `primary`.
        "--placeholder-namespace=p",
        "--import-namespace=p",
    ];
    if !strip {
        args.push("--debuginfo");
    }
    args.extend(FEATURES);
    run("wasm-split", &args)?;
    fix(primary, strip)?;
    fix(rest, strip)?;
    // The data only the rest uses goes with it (data_split.rs).
    let moved = crate::data_split::split_data(&root.join(LINK_MAP), primary, rest)?;
    eprintln!(
        "data split: {} objects, {} B moved to the rest ({} segments)",
        moved.objects, moved.bytes, moved.segments
    );
    if strip {
        // Each part's functions, like ones side by side (likeness.rs). In the primary, the
        // moved data's zeros are then cut out of its segments (binaryen's memory packing: its
        // memory starts zeroed, and the rest's segments write those bytes): -439 B gzip -9.
        let packing = [&FEATURES[..], &["--memory-packing"]].concat();
        crate::likeness::reorder(primary, &packing)?;
        crate::likeness::reorder(rest, &FEATURES)?;
    }
    // The rest reaches the primary's functions through the table (table_links.rs).
    let glue_exports = crate::table_links::export_names(whole)?;
    let linked = crate::table_links::link(primary, rest, &glue_exports)?;
    eprintln!("table links: the rest reaches {linked} primary functions through the table");
    Ok(())
}

/// What the profile depends on: the module, the pages and scripts of www/ (not its pkg/, which
/// the profile run replaces), the profile script and its harness.
fn profile_key(whole: &Path) -> Result<u64> {
    use std::hash::{Hash, Hasher};
    let root = workspace_root();
    let mut files = vec![
        whole.to_path_buf(),
        root.join("tests/split/profile.mjs"),
        root.join("tests/e2e/harness.mjs"),
    ];
    let www = root.join("www");
    for entry in std::fs::read_dir(&www).map_err(|e| format!("{}: {e}", www.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", www.display()))?.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in files {
        f.hash(&mut h);
        std::fs::read(&f)
            .map_err(|e| format!("{}: {e}", f.display()))?
            .hash(&mut h);
    }
    Ok(h.finish())
}

/// The glue instantiates the primary: give it the placeholder imports of `www/vmk-path-split.js`,
/// whose text goes into the glue (one file and one request fewer for every page: 226 B gzip -9
/// less than the two files apart, and a response's headers). The shell imports the loader's
/// exports (`prefetchRest`, `restReady`, `restState`) from the glue. Idempotent: a glue patched
/// before (wasm-pack did not write it again) gets the loader as it is now.
pub fn patch_glue(glue: &Path) -> Result {
    let text = std::fs::read_to_string(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let loader_path = workspace_root().join("www/vmk-path-split.js");
    let loader = std::fs::read_to_string(&loader_path)
        .map_err(|e| format!("{}: {e}", loader_path.display()))?;
    let call = "const imports = __wbg_get_imports();";
    let hook = "\n    imports.p = placeholders(() => wasm);";
    let text = match text.split_once(GLUE_MARK) {
        Some((_, original)) => original.replace(&format!("{call}{hook}"), call),
        None => text,
    };
    if text.matches(call).count() != 2 {
        return Err(format!(
            "{}: expected `{call}` in initSync and init; wasm-bindgen's glue changed, update split.rs",
            glue.display()
        ));
    }
    // The loader sits beside vmk-path.js in www/; in the glue it sits in pkg/ with the wasm.
    let rest_url = "new URL('./pkg/vmkpath_wasm_bg_rest.wasm', import.meta.url)";
    if !loader.contains(rest_url) {
        return Err(format!(
            "{}: expected {rest_url}; update split.rs",
            loader_path.display()
        ));
    }
    let loader = loader.replace(
        rest_url,
        "new URL('./vmkpath_wasm_bg_rest.wasm', import.meta.url)",
    );
    let text = format!(
        "// Patched by `cargo xtask build` (xtask/src/split.rs): the wasm is split in two, and\n\
         // the loader of its rest (www/vmk-path-split.js) comes first.\n{loader}\n{GLUE_MARK}{}",
        text.replace(call, &format!("{call}{hook}"))
    );
    std::fs::write(glue, text).map_err(|e| format!("{}: {e}", glue.display()))
}

/// Where wasm-bindgen's own glue starts in a patched glue.
const GLUE_MARK: &str = "// wasm-bindgen's glue:\n";

/// Set every table export to the table of its type (see the module comment) and, when
/// `strip`, drop the custom sections.
fn fix(path: &Path, strip: bool) -> Result {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fixed = fix_module(&bytes, strip).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, fixed).map_err(|e| format!("{}: {e}", path.display()))
}

const FUNCREF: u8 = 0x70;
const EXTERNREF: u8 = 0x6f;

fn fix_module(b: &[u8], strip: bool) -> Result<Vec<u8>> {
    if b.len() < 8 || &b[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut out = b[..8].to_vec();
    let mut tables: Vec<u8> = Vec::new(); // element type per table index
    let mut at = 8;
    while at < b.len() {
        let id = b[at];
        let mut r = Reader { b, at: at + 1 };
        let size = r.leb()? as usize;
        let (start, end) = (r.at, r.at + size);
        if end > b.len() {
            return Err("section past the end".into());
        }
        let mut section = b[at..end].to_vec();
        match id {
            0 if strip => {
                at = end;
                continue;
            }
            2 => read_imported_tables(
                &mut Reader {
                    b: &b[..end],
                    at: start,
                },
                &mut tables,
            )?,
            4 => {
                let mut r = Reader {
                    b: &b[..end],
                    at: start,
                };
                for _ in 0..r.leb()? {
                    tables.push(r.byte()?);
                    r.limits()?;
                }
            }
            7 => fix_exports(&mut section, start - at, &tables)?,
            _ => {}
        }
        out.extend_from_slice(&section);
        at = end;
    }
    Ok(out)
}

fn read_imported_tables(r: &mut Reader, tables: &mut Vec<u8>) -> Result {
    for _ in 0..r.leb()? {
        r.name()?;
        r.name()?;
        tables.extend(r.import_desc()?);
    }
    Ok(())
}

/// wasm-bindgen's `__wbindgen_externrefs` is the externref table; any other table export is
/// the function table. The indices are one byte each (fewer than 128 tables), set in place.
fn fix_exports(section: &mut [u8], body: usize, tables: &[u8]) -> Result {
    let of = |ty: u8| -> Result<u8> {
        let i = tables
            .iter()
            .position(|t| *t == ty)
            .ok_or("no such table")?;
        u8::try_from(i).map_err(|_| "too many tables".into())
    };
    let mut r = Reader {
        b: section,
        at: body,
    };
    let mut patches = Vec::new();
    for _ in 0..r.leb()? {
        let name = r.name()?;
        let kind = r.byte()?;
        let index_at = r.at;
        let index = r.leb()?;
        if kind == 1 {
            let want = of(if name == b"__wbindgen_externrefs" {
                EXTERNREF
            } else {
                FUNCREF
            })?;
            if r.at != index_at + 1 || index > 127 {
                return Err("a table index over one byte".into());
            }
            patches.push((index_at, want));
        }
    }
    for (i, want) in patches {
        section[i] = want;
    }
    Ok(())
}

pub fn path_str(p: &Path) -> Result<&str> {
    p.to_str()
        .ok_or_else(|| format!("{}: not UTF-8", p.display()))
}

pub fn mkdir(p: &Path) -> Result {
    std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))
}

pub fn copy(from: &Path, to: &Path) -> Result {
    if let Some(parent) = to.parent() {
        mkdir(parent)?;
    }
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    mkdir(to)?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            copy(&path, &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A module with a funcref and an externref table, both exported the wrong way round (as
    /// binaryen 108 writes them), plus a name section.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([4, 7, 2, FUNCREF, 0, 1, EXTERNREF, 0, 1]);
        let exports: &[u8] = b"\x02\x15__wbindgen_externrefs\x01\x00\x05table\x01\x01";
        m.push(7);
        m.push(exports.len() as u8);
        m.extend(exports);
        m.extend([0, 5, 4, b'n', b'a', b'm', b'e']);
        m
    }

    #[test]
    fn table_exports_are_set_by_type_and_custom_sections_dropped() {
        let fixed = fix_module(&module(), true).unwrap();
        let exports = b"\x02\x15__wbindgen_externrefs\x01\x01\x05table\x01\x00";
        assert!(fixed.windows(exports.len()).any(|w| w == exports));
        assert!(!fixed.windows(4).any(|w| w == b"name"));
        assert_eq!(fixed.len(), module().len() - 7);
        // Kept for the size report when not stripping; fixing twice changes nothing.
        let kept = fix_module(&module(), false).unwrap();
        assert!(kept.windows(4).any(|w| w == b"name"));
        assert_eq!(fix_module(&kept, false).unwrap(), kept);
    }

    #[test]
    fn not_a_module_is_an_error() {
        assert!(fix_module(b"junk", true).is_err());
    }
}
