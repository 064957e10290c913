//! `cargo xtask bench-web`: the widget measured in Debian's headless Chromium. Builds `www/`,
//! serves it on a free loopback port from a background thread, and runs
//! `tests/bench/page-bench.mjs` (playwright-core), which prints page load to first diagram, the
//! wasm instantiate time, and main-thread time per frame and long tasks with 200 packets playing.
//! Figures are printed against targets, never asserted: a shared machine is noisy.
//! Wiring (main.rs): `mod browser_bench;` and `Some("bench-web") => browser_bench::run(),`.

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
    let root = workspace_root().join("www");
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
