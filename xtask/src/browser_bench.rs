//! `cargo xtask bench-web`: the widget measured in Debian's headless Chromium, beside anchors.
//! Builds `www/`, assembles `target/bench-web/` (the pages of `www/` with their posters, as
//! `dist/` has them; `bench.*`; the pages of `tests/bench/pages/`, `*.poster.html` with their
//! posters filled in; `svg.html`, the wide drawing alone; Mermaid and asciinema-player from `tests/node_modules`, the benchmark's npm
//! dev dependencies, linked under `vendor/`), serves it on a free loopback port from a
//! background thread (gzip -9, as `serve.rs` does for files without precompressed ones), and
//! runs `tests/bench/page-bench.mjs` (playwright-core): the issue 14 table per page (wire KB,
//! first diagram, longest task, total blocking time), then main-thread time per frame and long
//! tasks with 200 packets playing. Figures are printed against targets, never asserted: a shared
//! machine is noisy.

use crate::{ensure, web, workspace_root, Result};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

pub fn run() -> Result {
    web::build()?;
    ensure::browser()?;
    ensure::npm_tools()?;
    // Ask the OS for a free port, release it, and serve on it (the gap is a few microseconds).
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free loopback port: {e}"))?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let root = assemble()?;
    {
        let addr = addr.clone();
        // Serves until the process ends (xtask exits when the benchmark returns).
        std::thread::spawn(move || {
            if let Err(e) = crate::serve::serve(&root, &addr) {
                eprintln!("xtask: {e}");
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(&addr).is_err() {
        if Instant::now() > deadline {
            return Err(format!("the static server did not come up on {addr}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    crate::run(
        "node",
        &["tests/bench/page-bench.mjs", &format!("http://{addr}/")],
    )
}

/// `target/bench-web/`: what the benchmark serves (replaced on each run).
fn assemble() -> Result<std::path::PathBuf> {
    let ws = workspace_root();
    let out = ws.join("target/bench-web");
    crate::dist::assemble(&ws.join("www"), &out)?;
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::fs::copy(from, to)
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", from.display()))
    };
    for name in ["bench.html", "bench.js"] {
        copy(&ws.join("www").join(name), &out.join(name))?;
    }
    let pages = ws.join("tests/bench/pages");
    let entries = std::fs::read_dir(&pages).map_err(|e| format!("{}: {e}", pages.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".poster.html") {
            let html = std::fs::read_to_string(entry.path()).map_err(|e| format!("{name}: {e}"))?;
            let filled = crate::poster::fill(&html).map_err(|e| format!("{name}: {e}"))?;
            let dst = out.join(format!("{stem}.html"));
            std::fs::write(&dst, filled).map_err(|e| format!("{}: {e}", dst.display()))?;
        } else {
            copy(&entry.path(), &out.join(&name))?;
        }
    }
    // The plainest floor: one inline SVG of the same diagram, no poster text, no other sizes.
    let svg = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>bench: one inline SVG, one drawing</title>\n\
         <link rel=\"stylesheet\" href=\"page.css\">\n\
         <link rel=\"stylesheet\" href=\"vmkpath-poster.css\">\n</head><body><main>\n\
         <h1>One inline SVG</h1>\n<figure class=\"vmkpath-poster\">{}</figure>\n\
         </main></body></html>\n",
        crate::poster::drawing("shared-subnet", "p1")?.trim_end()
    );
    let dst = out.join("svg.html");
    std::fs::write(&dst, svg).map_err(|e| format!("{}: {e}", dst.display()))?;
    let vendor = out.join("vendor");
    std::fs::create_dir_all(&vendor).map_err(|e| format!("{}: {e}", vendor.display()))?;
    for (package, dir) in [("mermaid", "dist"), ("asciinema-player", "dist")] {
        let from = ws.join("tests/node_modules").join(package).join(dir);
        if !from.is_dir() {
            return Err(format!(
                "{}: missing (the benchmark's npm dev dependency; `cd tests && npm ci`)",
                from.display()
            ));
        }
        let from = from
            .canonicalize()
            .map_err(|e| format!("{}: {e}", from.display()))?;
        std::os::unix::fs::symlink(&from, vendor.join(package))
            .map_err(|e| format!("vendor/{package}: {e}"))?;
    }
    Ok(out)
}
