//! Building the widget (wasm-pack into `www/pkg`, optimised, split in two), serving `www/`, and the wasm browser tests.

use crate::{ensure, run, run_with, split, workspace_root, Result};
use std::path::Path;

/// `wasm-pack build --target web` of the wasm crate into `www/pkg`.
pub fn build() -> Result {
    ensure::wasm_toolchain()?;
    ensure::npm_tools()?;
    wasm_pack_build()?;
    // wasm-pack writes a .gitignore of its own; the folder is already ignored.
    let _ = std::fs::remove_file(workspace_root().join("www/pkg/.gitignore"));
    let root = workspace_root();
    let (glue, wasm) = (
        root.join("www/pkg/vmkpath_wasm.js"),
        root.join("www").join(split::PRIMARY),
    );
    let (bindgen, work) = (root.join(split::BINDGEN), root.join("target/split"));
    split::copy(&wasm, &bindgen)?;
    optimise(&bindgen, &work.join("whole.wasm"), false)?;
    // Short import and export names, in the module and the glue alike (import_names.rs).
    let names = crate::import_names::names(&bindgen)?;
    let exports = crate::import_names::exports(&bindgen)?;
    crate::import_names::rename_wasm(&work.join("whole.wasm"), &names, &exports)?;
    crate::import_names::rename_glue(&glue, &names, &exports)?;
    // What a reader of built-in widgets needs, and the rest, loaded on first use (split.rs).
    ensure::browser()?;
    split::patch_glue(&glue)?;
    let rest = root.join("www").join(split::REST);
    split::split(&work.join("whole.wasm"), &work, &wasm, &rest, true)
}

/// `wasm-pack build` of the release module, with the standard library rebuilt for size.
///
/// The prebuilt std is compiled for speed and formats a message for every panic. Rebuilt from
/// the toolchain's own sources (`rust-src`) with `optimize_for_size`, and with panics as an
/// immediate trap (`-Cpanic=immediate-abort`: no message, no location, no formatting code
/// behind them), the optimised unsplit module measured 271,815 -> 258,019 B gzip -9 (-5.1 %;
/// `optimize_for_size` alone 265,857). Both are unstable flags of the stable toolchain, so this
/// one command runs with `RUSTC_BOOTSTRAP=1`; nothing else is built that way (native builds and
/// the wasm browser tests keep the prebuilt std, and their panics keep their messages). A panic
/// is a bug whatever the build (bad input is an error, never a panic); in a page it was already
/// a trap (`panic = "abort"`), only the console message written before it is gone.
fn wasm_pack_build() -> Result {
    // The linker's map, for the data split (crates/vmkpath-wasm/build.rs, data_split.rs).
    let map = workspace_root().join(split::LINK_MAP);
    split::mkdir(map.parent().ok_or("the link map has no folder")?)?;
    if !map.exists() {
        // wasm-ld writes the map only when it links: with the module up to date and the map
        // gone (target/split removed), remove the module so that cargo links it again.
        let release = workspace_root().join("target/wasm32-unknown-unknown/release");
        for module in [
            release.join("vmkpath_wasm.wasm"),
            release.join("deps/vmkpath_wasm.wasm"),
        ] {
            let _ = std::fs::remove_file(module);
        }
    }
    let map = path_str(&map)?;
    let args = [
        "build",
        "crates/vmkpath-wasm",
        "--target",
        "web",
        "--release",
        "--no-typescript",
        "--no-pack",
        "--out-dir",
        "../../www/pkg",
        "--",
        "-Zbuild-std=std,panic_abort",
        "-Zbuild-std-features=optimize_for_size",
    ];
    run_with(
        "wasm-pack",
        &args,
        &[
            ("RUSTC_BOOTSTRAP", "1"),
            ("VMKPATH_LINK_MAP", map),
            (
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none",
            ),
        ],
    )
}

/// wasm-opt of wasm-bindgen's output. `names`: keep the name section (`cargo xtask size`'s
/// owners; binaryen then optimises a little differently, so that build is never shipped).
pub fn optimise(input: &Path, output: &Path, names: bool) -> Result {
    // Debian's binaryen 108 breaks wasm-bindgen's externref table, so wasm-pack's own wasm-opt
    // step is off (Cargo.toml) and a current binaryen from npm shrinks the module here.
    // Measured (`cargo xtask size`, gzip -9): -Oz alone 317.2 KB; inlining functions that have
    // one caller only when they are tiny (-ocimfs, default: any size) keeps big functions apart
    // and gzips far better, 286.8 KB (the raw module grows ~22 KB); -Os twice beats -Oz there.
    // Its size retuned on the smaller module (whole module gzip -9): 5: 229,391; 10: 229,140;
    // 15: 228,970; 20: 228,897; 25: 228,860; 30: 229,306; 40: 229,884; 100: 233,665. Split, 25
    // against 10: both parts 234,933 against 235,118 (primary +737).
    // --low-memory-unused folds constant address offsets into loads and stores (unsplit module
    // 271,815 -> 270,300 B gzip -9): Rust's data starts at 1 MiB and its pointers never wrap
    // into the first KiB (only a stack a MiB deep would reach it, overflowing anyway).
    // The target_features custom section is for toolchains; browsers ignore it.
    // --reorder-functions-by-name puts each module's functions side by side (rustc's mangled
    // names start with the crate and module path), where their like code gzips together:
    // whole module 239,427 -> 239,129 B (sorting by calls instead: 245,898).
    let (input, output) = (path_str(input)?, path_str(output)?);
    let mut args = vec![
        "--low-memory-unused",
        "-Os",
        "--one-caller-inline-max-function-size=25",
        "-Os",
        "--reorder-functions-by-name",
        "--enable-reference-types",
        "--enable-bulk-memory",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-nontrapping-float-to-int",
        "--enable-multivalue",
        "--strip-producers",
        "--strip-target-features",
        input,
        "-o",
        output,
    ];
    if names {
        args.push("--debuginfo");
    } else {
        args.push("--strip-debug");
    }
    run("tests/node_modules/.bin/wasm-opt", &args)
}

fn path_str(p: &Path) -> Result<&str> {
    p.to_str()
        .ok_or_else(|| format!("{}: not UTF-8", p.display()))
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
