//! Building the widget (wasm-pack into `www/pkg`), serving `www/`, and the wasm browser tests.

use crate::{ensure, run, workspace_root, Result};

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
