//! The JS and CSS that `dist/` ships, minified by esbuild (an npm dev dependency of `tests/`,
//! installed from its lock file like the other build tools): whitespace and comments out, local
//! names shortened, syntax folded. One file at a time and nothing bundled: every module keeps
//! its own imports and exports, so the element, the glue and the loader of the rest still load
//! one another by the same relative URLs, and a page that imports `pkg/vmkpath_wasm.js` itself
//! (the tests, an author's script) finds the same exports. The sources in `www/` stay readable;
//! what readers download is the minified copy. Measured (gzip -9): the element shell 5,666 ->
//! 2,517 B, the loader of the rest 1,749 -> 727, the widget's CSS 4,434 -> 3,255.

use crate::{workspace_root, Result};
use std::path::Path;
use std::process::Command;

/// Whether `dist/` minifies a file of this name (the pages' HTML is left as written: its
/// poster markup is what the no-JS reader and the tests read).
pub fn applies(name: &str) -> bool {
    name.ends_with(".js") || name.ends_with(".mjs") || name.ends_with(".css")
}

/// The minified text of the JS or CSS file at `path`.
pub fn minify(path: &Path) -> Result<Vec<u8>> {
    let esbuild = workspace_root().join("tests/node_modules/.bin/esbuild");
    let file = path
        .to_str()
        .ok_or_else(|| format!("{}: not UTF-8", path.display()))?;
    let mut args = vec![file, "--minify", "--log-level=warning"];
    if !file.ends_with(".css") {
        // Kept as an ES module (imports, exports, import.meta); no syntax is lowered. A module
        // script is always read as UTF-8, so its text stays as written; CSS keeps esbuild's
        // ASCII escapes (a host may serve it with no charset).
        args.extend(["--format=esm", "--charset=utf8"]);
    }
    let out = Command::new(&esbuild)
        .args(&args)
        .current_dir(workspace_root())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", esbuild.display()))?;
    if !out.status.success() {
        return Err(format!(
            "esbuild could not minify {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    if out.stdout.is_empty() {
        return Err(format!("esbuild wrote nothing for {}", path.display()));
    }
    Ok(out.stdout)
}
