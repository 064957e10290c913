//! `cargo xtask <command>`: the one entry point for building, testing, serving and measuring
//! vmkpath. Each command installs what it needs on a fresh machine (rust target, wasm-pack,
//! Chromium) before it runs, so the README's two commands are all a new user types.

mod bench;
mod browser_bench;
mod compress;
mod data_split;
mod dist;
mod e2e;
mod ensure;
mod import_names;
mod likeness;
mod link_map;
mod minify;
mod package;
mod poster;
mod serve;
mod size;
mod split;
mod table_links;
mod twins;
mod wasm_bytes;
mod wasm_owners;
mod web;
mod zip;

use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <command>

  test     install what is missing, then run every test (CI runs exactly this)
  ci       the same as test
  serve    build the widget and serve www/ on http://127.0.0.1:8000/ (--dist: build and serve dist/)
  build    build the widget into www/pkg
  dist     a self-contained dist/ for any static host (no-JS posters filled in)
  e2e      build dist/, then the end-to-end tests in Chromium (tests/e2e); --update rewrites the
           screenshot references (tests/e2e/screenshots/)
  package  the npm package vmkpath and the WordPress plugin's zip, in target/package/
  poster NAME  print the no-JS fallback (poster + explanation) of a built-in scenario
  size     build; what a reader downloads per part (raw, gzip -9, brotli) against xtask/size-budget.toml
           (fails over budget); where the wasm bytes go
  bench    plan and analyze (plan, timeline, narration, traces, what-ifs) time for every built-in scenario and the toggle cross product
  bench-web  page load to first diagram and main-thread time per animation frame, in Chromium";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") | Some("ci") => test(),
        Some("bench") => bench::run(&args[1..]),
        Some("serve") if args.get(1).map(String::as_str) == Some("--dist") => dist::serve(),
        Some("serve") => web::serve(),
        Some("bench-web") => browser_bench::run(),
        Some("build") => web::build(),
        Some("dist") => dist::run(),
        Some("e2e") => e2e::run_with(args.get(1).map(String::as_str) == Some("--update")),
        Some("package") => package::run(),
        Some("poster") => poster::print(args.get(1).map(String::as_str).unwrap_or("")),
        Some("size") => size::run(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// Run a command in the workspace root, echoing it, failing on a non-zero exit.
pub fn run(program: &str, args: &[&str]) -> Result {
    run_with(program, args, &[])
}

/// `run` with environment variables set for that command only.
pub fn run_with(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} {} failed ({status})", args.join(" ")))
    }
}

pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn test() -> Result {
    ensure::rust_components()?;
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    run("cargo", &["test", "--workspace", "--locked"])?;
    web::browser_tests()?;
    e2e::run()?;
    // The release build e2e made (via dist/) against the committed budget: no second build.
    size::check()?;
    Ok(())
}
