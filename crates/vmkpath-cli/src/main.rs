//! `vmkpath`: explain which vmknic carries which migration traffic, from the command line.
//! Exit codes: 0 for any valid scenario (a blocked plan is a valid answer), 2 for invalid input
//! or usage, with a one-line message on stderr.

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use vmkpath_core::format::{plan_to_json, plan_to_text};
use vmkpath_core::scenarios::{builtin, builtins};
use vmkpath_core::{decode_scenario, plan, Scenario};

#[derive(Parser)]
#[command(
    name = "vmkpath",
    version,
    about = "Why does my vMotion use the management network? Which vmknic carries each migration flow, and why."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the built-in teaching scenarios.
    Scenarios,
    /// Explain a scenario's migration plan (FILE is TOML or JSON, or builtin:NAME; - reads stdin).
    Plan {
        scenario: String,
        /// Print the plan JSON of scenario-format.md instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let first = e
                .to_string()
                .lines()
                .next()
                .unwrap_or("invalid usage")
                .to_string();
            eprintln!("vmkpath: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    match run(cli.command) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("vmkpath: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Scenarios => Ok(builtins()
            .map(|b| format!("{:<34} {}\n", b.name, b.title()))
            .collect()),
        Command::Plan { scenario, json } => {
            let (name, scenario) = load(&scenario)?;
            let _ = name;
            let plan = plan(&scenario);
            Ok(if json {
                format!("{}\n", plan_to_json(&scenario, &plan))
            } else {
                plan_to_text(&scenario, &plan)
            })
        }
    }
}

/// Reads `builtin:NAME`, `-` (stdin) or a file path; the error names the input and the field.
fn load(arg: &str) -> Result<(String, Scenario), String> {
    let text = if let Some(name) = arg.strip_prefix("builtin:") {
        builtin(name)
            .map(|b| b.text.to_string())
            .ok_or_else(|| format!("no built-in scenario \"{name}\" (see `vmkpath scenarios`)"))?
    } else if arg == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        text
    } else {
        std::fs::read_to_string(arg).map_err(|e| format!("cannot read {arg}: {e}"))?
    };
    let scenario =
        decode_scenario(&text).map_err(|e| format!("{arg}: {}", one_line(&e.to_string())))?;
    Ok((arg.to_string(), scenario))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
