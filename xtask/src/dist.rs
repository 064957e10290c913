//! `cargo xtask dist`: a self-contained `dist/` that any static host serves, from its root or a
//! sub-path: the pages of `www/` (with their no-JS posters filled in, see `poster.rs`), the
//! element shell, its CSS and the wasm package. Every URL in it is relative; nothing is fetched
//! from another origin (system fonts only). The benchmark page (`bench.*`) stays out, and so does
//! `vmk-path-split.js`, which the glue holds. The JS
//! and CSS are minified on the way (`minify.rs`; `www/` keeps the readable sources). Beside
//! each wasm, JS, CSS, HTML and SVG file, a `.gz` (gzip -9) and a `.br` (brotli 11) for hosts
//! that serve precompressed files (nginx `gzip_static`/`brotli_static`, Netlify, `serve.rs`).

use crate::{web, workspace_root, Result};
use std::path::Path;

pub fn run() -> Result {
    web::build()?;
    let root = workspace_root();
    assemble(&root.join("www"), &root.join("dist"))?;
    precompress(&root.join("dist"))?;
    println!("dist/ written ({} bytes)", dir_size(&root.join("dist")));
    Ok(())
}

/// `cargo xtask serve --dist`: what authors host, on http://127.0.0.1:8000/.
pub fn serve() -> Result {
    run()?;
    crate::serve::serve(&workspace_root().join("dist"), "127.0.0.1:8000")
}

/// Copy `www` into `out` (replaced), filling the posters of every HTML page and minifying
/// the JS and CSS.
pub fn assemble(www: &Path, out: &Path) -> Result {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    copy_dir(www, out)
}

/// Write `NAME.gz` and `NAME.br` beside every compressible file under `dir`.
pub fn precompress(dir: &Path) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["wasm", "js", "mjs", "css", "html", "svg"].contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (suffix, packed) in [
            ("gz", crate::compress::gzip(&bytes)?),
            ("br", crate::compress::brotli(&bytes)?),
        ] {
            let out = path.with_extension(format!("{ext}.{suffix}"));
            std::fs::write(&out, packed).map_err(|e| format!("{}: {e}", out.display()))?;
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // vmk-path-split.js ships inside the glue (split.rs's `patch_glue`).
        if name.starts_with('.') || name.starts_with("bench.") || name == "vmk-path-split.js" {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else if name.ends_with(".html") {
            let html = std::fs::read_to_string(&src).map_err(|e| format!("{name}: {e}"))?;
            let filled = crate::poster::fill(&html).map_err(|e| format!("{name}: {e}"))?;
            std::fs::write(&dst, filled).map_err(|e| format!("{}: {e}", dst.display()))?;
        } else if crate::minify::applies(&name) {
            let small = crate::minify::minify(&src)?;
            std::fs::write(&dst, small).map_err(|e| format!("{}: {e}", dst.display()))?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", dst.display()))?;
        }
    }
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_size(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}
