//! Installing what the commands need, on a fresh machine of this project's kind (Debian, root,
//! package registries only). Each step checks first, so a warm machine pays nothing.

use crate::{run, Result};
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
