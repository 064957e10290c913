//! `cargo xtask package`: what bloggers install, built from `cargo xtask dist`'s output.
//! - `target/package/vmkpath/`: the npm package `vmkpath` (not published from here): the
//!   element, the wasm and its glue, the widget's and the posters' CSS, the hand-written
//!   `vmk-path.d.ts` (its built-in names filled in from the core), the Hugo shortcode and the Jekyll include, README, both licences, and a
//!   `package.json` whose `files` list is checked against what was copied. `npm pack` in that
//!   folder makes the tarball a CDN serves (the e2e tests do exactly that).
//! - `target/package/vmkpath-wordpress.zip`: the WordPress plugin of `wordpress/vmkpath/` with
//!   the same widget files in its `assets/`, one top folder `vmkpath/` as WordPress expects.
//!
//! `@VERSION@` in the package's text files becomes the workspace version, so the CDN URLs, the
//! plugin header and `package.json` cannot disagree with the crates.

use crate::{dist, workspace_root, Result};
use std::path::{Path, PathBuf};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The widget's files inside `dist/`, as the element loads them (relative to vmk-path.js).
const WIDGET_FILES: [&str; 6] = [
    "vmk-path.js",
    "vmk-path.css",
    "vmkpath-poster.css",
    "pkg/vmkpath_wasm.js",
    "pkg/vmkpath_wasm_bg.wasm",
    "pkg/vmkpath_wasm_bg_rest.wasm",
];

pub fn run() -> Result {
    dist::run()?;
    let root = workspace_root();
    let out = root.join("target/package");
    let npm = out.join("vmkpath");
    npm_package(&root, &npm)?;
    let zip = out.join("vmkpath-wordpress.zip");
    wordpress_zip(&root, &zip)?;
    println!("npm package: {}", npm.display());
    println!("WordPress plugin: {}", zip.display());
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Text files get `@VERSION@` replaced; binary files are copied as they are.
fn versioned(path: &Path) -> Result<Vec<u8>> {
    let bytes = read(path)?;
    let text_like = ["html", "md", "txt", "json", "php", "ts", "js"]
        .iter()
        .any(|ext| path.extension().is_some_and(|e| e == *ext));
    if !text_like || path.starts_with(workspace_root().join("dist")) {
        return Ok(bytes);
    }
    let text = String::from_utf8(bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text.replace("@VERSION@", VERSION).into_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every file under `dir`, as paths relative to it with `/` separators, sorted.
fn files_under(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let abs = dir.join(&rel);
        let entries = std::fs::read_dir(&abs).map_err(|e| format!("{}: {e}", abs.display()))?;
        for entry in entries.flatten() {
            let rel = rel.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(rel);
            } else {
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// (path in the package, source file) for everything the npm package holds.
fn npm_sources(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut sources: Vec<(String, PathBuf)> = WIDGET_FILES
        .iter()
        .map(|f| (f.to_string(), root.join("dist").join(f)))
        .collect();
    let own = root.join("package");
    for rel in files_under(&own)? {
        sources.push((rel.clone(), own.join(&rel)));
    }
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        sources.push((licence.to_string(), root.join(licence)));
    }
    Ok(sources)
}

fn npm_package(root: &Path, out: &Path) -> Result {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let sources = npm_sources(root)?;
    for (rel, src) in &sources {
        let bytes = match rel.as_str() {
            "package.json" => package_json(&read(src)?)?,
            "vmk-path.d.ts" => with_builtin_names(&versioned(src)?)?,
            _ => versioned(src)?,
        };
        write(&out.join(rel), &bytes)?;
    }
    check_files_list(out, &sources)
}

/// The d.ts's `BuiltinName` lists the built-in scenarios compiled into this build (its marker
/// line replaced), so the types name every scenario the wasm has, and no other.
fn with_builtin_names(dts: &[u8]) -> Result<Vec<u8>> {
    const MARKER: &str = "  // @BUILTINS@";
    let text = std::str::from_utf8(dts).map_err(|e| format!("vmk-path.d.ts: {e}"))?;
    let mut found = false;
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with(MARKER) {
            found = true;
            for b in vmkpath_core::scenarios::builtins() {
                out.push_str(&format!("  | '{}'\n", b.name));
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if found {
        Ok(out.into_bytes())
    } else {
        Err(format!(
            "package/vmk-path.d.ts: no line starting {MARKER:?}"
        ))
    }
}

/// `package.json` with the workspace version.
fn package_json(template: &[u8]) -> Result<Vec<u8>> {
    let mut json: serde_json::Value =
        serde_json::from_slice(template).map_err(|e| format!("package/package.json: {e}"))?;
    json["version"] = serde_json::Value::String(VERSION.to_string());
    let mut text = serde_json::to_string_pretty(&json).map_err(|e| format!("package.json: {e}"))?;
    text.push('\n');
    Ok(text.into_bytes())
}

/// npm packs only what `files` names (plus package.json): every copied file must be covered
/// and every entry must exist, or the tarball would silently lack a file or carry a stray one.
fn check_files_list(out: &Path, sources: &[(String, PathBuf)]) -> Result {
    let json: serde_json::Value = serde_json::from_slice(&read(&out.join("package.json"))?)
        .map_err(|e| format!("package.json: {e}"))?;
    let files: Vec<&str> = json["files"]
        .as_array()
        .ok_or("package.json: no \"files\" list")?
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let covered = |rel: &str| {
        rel == "package.json"
            || files
                .iter()
                .any(|f| rel == *f || (f.ends_with('/') && rel.starts_with(f)))
    };
    if let Some((rel, _)) = sources.iter().find(|(rel, _)| !covered(rel)) {
        return Err(format!(
            "package/package.json: \"files\" does not cover {rel}"
        ));
    }
    if let Some(f) = files.iter().find(|f| !out.join(f).exists()) {
        return Err(format!(
            "package/package.json: \"files\" names {f}, which is missing"
        ));
    }
    Ok(())
}

/// The plugin folder's files, then the widget's under `assets/`, all under `vmkpath/`.
fn wordpress_zip(root: &Path, zip: &Path) -> Result {
    let plugin = root.join("wordpress/vmkpath");
    let mut entries = Vec::new();
    for rel in files_under(&plugin)? {
        let name = if rel == "assets.htaccess" {
            "assets/.htaccess".to_string()
        } else {
            rel.clone()
        };
        entries.push((format!("vmkpath/{name}"), versioned(&plugin.join(&rel))?));
    }
    for f in WIDGET_FILES {
        entries.push((
            format!("vmkpath/assets/{f}"),
            read(&root.join("dist").join(f))?,
        ));
    }
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        entries.push((format!("vmkpath/{licence}"), read(&root.join(licence))?));
    }
    write(zip, &crate::zip::write(&entries)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_types_name_every_built_in() {
        let dts = read(&workspace_root().join("package/vmk-path.d.ts")).unwrap();
        let filled = String::from_utf8(with_builtin_names(&dts).unwrap()).unwrap();
        assert!(!filled.contains("@BUILTINS@"));
        for b in vmkpath_core::scenarios::builtins() {
            assert!(
                filled.contains(&format!("\n  | '{}'\n", b.name)),
                "{}",
                b.name
            );
        }
        assert!(with_builtin_names(b"export type BuiltinName = string;\n").is_err());
    }
}
