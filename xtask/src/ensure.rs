//! Installing what the commands need, on a fresh machine of this project's kind (Debian, root,
//! package registries only). Each step checks first, so a warm machine pays nothing.

use crate::{run, Result};
use std::path::Path;
use std::process::Command;

fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// rustfmt is needed by the format check.
pub fn rust_components() -> Result {
    if !succeeds("cargo", &["fmt", "--version"]) {
        run("rustup", &["component", "add", "rustfmt"])?;
    }
    Ok(())
}

/// The wasm target and wasm-pack (which fetches its matching wasm-bindgen-cli by `cargo install`
/// on first use: no prebuilt download is possible here).
pub fn wasm_toolchain() -> Result {
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }
    // The std sources, rebuilt for size in the release module (web.rs).
    let components = Command::new("rustup")
        .args(["component", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !components.lines().any(|c| c.trim() == "rust-src") {
        run("rustup", &["component", "add", "rust-src"])?;
    }
    if !succeeds("wasm-pack", &["--version"]) {
        run("cargo", &["install", "wasm-pack", "--locked"])?;
    }
    Ok(())
}

/// Debian's Chromium and ChromeDriver (browser tests, the split's profile), and binaryen
/// (its `wasm-split`: npm's binaryen has none).
/// A test tool never downloads its own browser here.
pub fn browser() -> Result {
    let have = Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && Path::new("/usr/bin/wasm-split").exists();
    if !have {
        run("apt-get", &["update"])?;
        run(
            "apt-get",
            &[
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
                "binaryen",
                "fonts-dejavu-core",
            ],
        )?;
    }
    Ok(())
}

/// The npm tools of `tests/package.json` (a current binaryen; playwright-core, which drives
/// Debian's Chromium for the browser benchmark and the end-to-end tests and never downloads a
/// browser; axe-core for the accessibility scan; TypeScript, whose `tsc` checks the npm package's
/// `vmk-path.d.ts`; liquidjs, which renders its Jekyll include; esbuild, which minifies the JS and
/// CSS of `dist/`), installed from the lock file. Node.js and npm come with this kind of machine.
pub fn npm_tools() -> Result {
    let tests = crate::workspace_root().join("tests");
    let installed = tests.join("node_modules/.bin/wasm-opt").exists()
        && tests
            .join("node_modules/playwright-core/package.json")
            .exists()
        && tests.join("node_modules/axe-core/axe.min.js").exists()
        && tests.join("node_modules/typescript/bin/tsc").exists()
        && tests.join("node_modules/liquidjs/package.json").exists()
        && tests.join("node_modules/.bin/esbuild").exists()
        && tests.join("node_modules/mermaid/package.json").exists()
        && tests
            .join("node_modules/asciinema-player/package.json")
            .exists();
    if !installed {
        if !succeeds("npm", &["--version"]) {
            run("apt-get", &["update"])?;
            run(
                "apt-get",
                &["install", "-y", "--no-install-recommends", "nodejs", "npm"],
            )?;
        }
        eprintln!("$ (cd tests && npm ci)");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&tests)
            .status()
            .map_err(|e| format!("cannot run npm: {e}"))?;
        if !status.success() {
            return Err(format!("npm ci in tests/ failed ({status})"));
        }
    }
    Ok(())
}

/// What the publishing tests run on (tests/e2e/wordpress.test.mjs, hugo.test.mjs): Debian's
/// WordPress with its default theme, PHP's command line (its built-in server serves the site on
/// loopback) with MySQL support, MariaDB (started by the test on a socket of its own) and Hugo.
/// `php-cgi` satisfies WordPress's need for a PHP web server module without Apache's. Debian's
/// policy-rc.d on this kind of machine keeps apt from starting MariaDB as a system service; the
/// test starts and stops its own. About a minute on a fresh machine, nothing when present.
pub fn publishing_tools() -> Result {
    let have = Path::new("/usr/share/wordpress/wp-load.php").exists()
        && Path::new("/usr/share/wordpress/wp-content/themes/twentytwentythree").exists()
        && Path::new("/usr/sbin/mariadbd").exists()
        && Path::new("/usr/bin/hugo").exists()
        && Command::new("php")
            .arg("-m")
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .any(|m| m == "mysqli")
            })
            .unwrap_or(false);
    if !have {
        run("apt-get", &["update"])?;
        run(
            "apt-get",
            &[
                "install",
                "-y",
                "--no-install-recommends",
                "wordpress",
                "wordpress-theme-twentytwentythree",
                "php-cli",
                "php-cgi",
                "php-mysql",
                "mariadb-server",
                "hugo",
            ],
        )?;
    }
    Ok(())
}
