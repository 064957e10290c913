//! Building the widget (wasm-pack into `www/pkg`), serving `www/`, and the size report.

use crate::{ensure, run, workspace_root, Result};
use std::path::Path;
use std::process::Command;

/// `wasm-pack build --target web` of the wasm crate into `www/pkg`.
pub fn build() -> Result {
    ensure::wasm_toolchain()?;
    ensure::npm_tools()?;
    run(
        "wasm-pack",
        &[
            "build",
            "crates/vmkpath-wasm",
            "--target",
            "web",
            "--release",
            "--no-typescript",
            "--no-pack",
            "--out-dir",
            "../../www/pkg",
        ],
    )?;
    // wasm-pack writes a .gitignore of its own; the folder is already ignored.
    let _ = std::fs::remove_file(workspace_root().join("www/pkg/.gitignore"));
    // Debian's binaryen 108 breaks wasm-bindgen's externref table, so wasm-pack's own wasm-opt
    // step is off (Cargo.toml) and a current binaryen from npm shrinks the module here.
    // Measured (`cargo xtask size`, gzip -9): -Oz alone 317.2 KB; inlining functions that have
    // one caller only when they are tiny (-ocimfs, default: any size) keeps big functions apart
    // and gzips far better, 286.8 KB (the raw module grows ~22 KB); -Os twice beats -Oz there.
    // The target_features custom section is for toolchains; browsers ignore it.
    let wasm = "www/pkg/vmkpath_wasm_bg.wasm";
    run(
        "tests/node_modules/.bin/wasm-opt",
        &[
            "-Os",
            "--one-caller-inline-max-function-size=10",
            "-Os",
            "--enable-reference-types",
            "--enable-bulk-memory",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int",
            "--enable-multivalue",
            "--strip-debug",
            "--strip-producers",
            "--strip-target-features",
            wasm,
            "-o",
            wasm,
        ],
    )
}

pub fn serve() -> Result {
    build()?;
    crate::serve::serve(&workspace_root().join("www"), "127.0.0.1:8000")
}

/// The wasm crate's browser tests in Debian's headless Chromium.
pub fn browser_tests() -> Result {
    ensure::wasm_toolchain()?;
    ensure::browser()?;
    // wasm-pack finds chromedriver on PATH and reads crates/vmkpath-wasm/webdriver.json.
    run(
        "wasm-pack",
        &["test", "--headless", "--chrome", "crates/vmkpath-wasm"],
    )
}

fn gzip_len(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

/// Sizes of what a reader downloads, raw and gzipped, against the 60 KB gzipped budget.
pub fn size() -> Result {
    build()?;
    let www = workspace_root().join("www");
    let parts = [
        ("wasm", www.join("pkg/vmkpath_wasm_bg.wasm")),
        ("JS glue (wasm-bindgen)", www.join("pkg/vmkpath_wasm.js")),
        ("JS element shell", www.join("vmk-path.js")),
        ("CSS", www.join("vmk-path.css")),
    ];
    let mut total = 0;
    let mut wasm = (0, 0); // the first part's sizes, for the breakdown below
    println!("{:<26} {:>10} {:>10}", "part", "raw", "gzip -9");
    for (i, (name, path)) in parts.iter().enumerate() {
        let raw = std::fs::metadata(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .len();
        let gz = gzip_len(path)?;
        total += gz;
        if i == 0 {
            wasm = (raw, gz);
        }
        println!("{name:<26} {raw:>10} {gz:>10}");
    }
    let budget = 60 * 1024;
    println!("{:<26} {:>10} {total:>10}", "total", "");
    println!(
        "budget 60 KB gzipped: {:.0}% used",
        total as f64 / budget as f64 * 100.0
    );
    where_the_wasm_bytes_go(wasm)
}

/// The optimised wasm has no names, so the shares come from the build it was made from (the
/// unstripped cargo output, its "name" section): each owner's function bodies (and the data
/// segment) over their sum, scaled to the optimised module's raw and gzipped sizes. Estimates:
/// wasm-opt and gzip do not shrink every owner alike.
fn where_the_wasm_bytes_go((raw, gz): (u64, u64)) -> Result {
    let built = workspace_root().join("target/wasm32-unknown-unknown/release/vmkpath_wasm.wasm");
    let bytes = std::fs::read(&built).map_err(|e| format!("{}: {e}", built.display()))?;
    let rows = crate::wasm_owners::owners(&bytes)?;
    let sum: u64 = rows.iter().map(|r| r.1).sum::<u64>().max(1);
    let shown = 15;
    println!();
    println!(
        "where the wasm bytes go (shares of the build's code + data, scaled to the wasm above)"
    );
    println!(
        "{:<34} {:>6} {:>10} {:>10}",
        "owner", "share", "~raw", "~gzip"
    );
    let line = |name: &str, bytes: u64| {
        let share = bytes as f64 / sum as f64;
        println!(
            "{name:<34} {:>5.1}% {:>10.0} {:>10.0}",
            share * 100.0,
            share * raw as f64,
            share * gz as f64
        );
    };
    for (name, bytes) in rows.iter().take(shown) {
        line(name, *bytes);
    }
    if rows.len() > shown {
        let rest: u64 = rows[shown..].iter().map(|r| r.1).sum();
        line(&format!("rest ({} owners)", rows.len() - shown), rest);
    }
    Ok(())
}
