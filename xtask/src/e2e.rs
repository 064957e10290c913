//! `cargo xtask e2e`: the end-to-end tests of `tests/e2e/` (Node's built-in test runner and
//! playwright-core driving Debian's headless Chromium; axe-core for the accessibility scan). They
//! test what authors host: `dist/`, served by a small static server the tests start on a random
//! loopback port under a sub-path, with the strict CSP header; and what bloggers install: the npm
//! package from a CDN origin, the WordPress plugin on a real WordPress, the Hugo shortcode in a
//! real Hugo build. Builds `dist/` and the packages first (`cargo xtask package`).

use crate::{ensure, package, workspace_root, Result};

pub fn run() -> Result {
    run_with(false)
}

/// `update`: the screenshot test writes its references instead of comparing with them.
pub fn run_with(update: bool) -> Result {
    if update {
        // Read by tests/e2e/screenshots.mjs; the variable lives only in this process.
        std::env::set_var("VMKPATH_UPDATE_SCREENSHOTS", "1");
    }
    package::run()?;
    ensure::browser()?;
    ensure::npm_tools()?;
    ensure::publishing_tools()?;
    let dir = workspace_root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.mjs"))
        .map(|n| format!("tests/e2e/{n}"))
        .collect();
    if files.is_empty() {
        return Err("no tests/e2e/*.test.mjs".to_string());
    }
    files.sort();
    let mut args = vec!["--test", "--test-reporter=spec", "--test-timeout=90000"];
    args.extend(files.iter().map(String::as_str));
    crate::run("node", &args)
}
