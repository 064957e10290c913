//! `vmkpath`: explain which vmknic carries which migration traffic, from the command line.
//! Exit codes: 0 for any valid scenario (a blocked plan is a valid answer), 2 for invalid input
//! or usage, with a one-line message on stderr.

mod check;
mod render;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use vmkpath_core::format::{
    plan_to_json, plan_to_text, timeline_to_json, traced_plan_to_json, traces_to_text,
};
use vmkpath_core::scenarios::{builtin, builtins};
use vmkpath_core::{analyze, decode_scenario, timing, Analysis, Scenario};

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
        /// Also explain each flow step by step: stack, routing table, gateway, rule, version
        /// (with --json: a `traces` array).
        #[arg(long)]
        trace: bool,
        /// After the plan, try each fix the engine can apply to the scenario and print both
        /// durations (text only).
        #[arg(long, conflicts_with = "json")]
        what_if: bool,
        /// Print the timeline JSON (when each flow runs, stretches of constant rates) instead.
        #[arg(long, conflicts_with_all = ["json", "what_if"])]
        timeline: bool,
    },
    /// Draw a scenario's plan as a standalone SVG poster.
    Render {
        scenario: String,
        /// Where to write the SVG (default: standard output).
        #[arg(short, long)]
        output: Option<String>,
        /// Width in CSS pixels; below 640 the hosts are stacked.
        #[arg(long, default_value_t = 1200.0)]
        width: f64,
    },
    /// Read pasted ESXi command output (esxcfg-vmknic -l, esxcli network ip ...) and report what it
    /// shows; with --source and --destination, plan a migration between the two hosts.
    Check {
        /// Files with pasted output (- or none: standard input).
        files: Vec<String>,
        /// Output of the source host (with --destination).
        #[arg(long, requires = "destination")]
        source: Option<String>,
        /// Output of the destination host (with --source).
        #[arg(long, requires = "source")]
        destination: Option<String>,
        /// Print JSON instead of text.
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
        Command::Render {
            scenario,
            output,
            width,
        } => {
            if !(width.is_finite() && (200.0..=4000.0).contains(&width)) {
                return Err(format!(
                    "--width {width}: expected CSS pixels from 200 to 4000"
                ));
            }
            let scenario = load(&scenario)?;
            let svg = render::render(&scenario, width);
            match output {
                Some(path) => {
                    std::fs::write(&path, svg).map_err(|e| format!("cannot write {path}: {e}"))?;
                    Ok(String::new())
                }
                None => Ok(svg),
            }
        }
        Command::Check {
            files,
            source,
            destination,
            json,
        } => match (source, destination) {
            (Some(source), Some(destination)) => {
                check::check_pair(&read_input(&source)?, &read_input(&destination)?, json)
            }
            _ => {
                let inputs = if files.is_empty() {
                    vec![read_input("-")?]
                } else {
                    files
                        .iter()
                        .map(|f| read_input(f))
                        .collect::<Result<Vec<_>, _>>()?
                };
                check::check(&inputs, json)
            }
        },
        Command::Plan {
            scenario,
            json,
            trace,
            what_if,
            timeline,
        } => {
            let scenario = load(&scenario)?;
            let analysis = analyze(&scenario);
            Ok(if timeline {
                format!("{}\n", timeline_to_json(&analysis.timeline))
            } else if json && trace {
                format!("{}\n", traced_plan_to_json(&scenario, &analysis))
            } else if json {
                format!("{}\n", plan_to_json(&scenario, &analysis))
            } else {
                let mut text = plan_to_text(&scenario, &analysis);
                if trace {
                    text.push_str(&traces_to_text(&scenario, &analysis.traces));
                }
                if what_if {
                    text.push_str(&what_if_text(&analysis));
                }
                text
            })
        }
    }
}

/// The fixes the engine can apply, each with both durations (the timing model's estimates).
fn what_if_text(analysis: &Analysis) -> String {
    let fixes = &analysis.what_ifs;
    let mut out = String::from("\nWhat if:\n");
    if fixes.is_empty() {
        out.push_str("- no finding here has a fix the engine can apply and time.\n");
    }
    for w in fixes {
        out.push_str(&format!(
            "- {}: {}\n  {}\n  whole migration: {} -> {}\n",
            w.codes
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            w.change,
            w.sentence,
            timing::human_duration(w.before_s),
            timing::human_duration(w.after_s)
        ));
    }
    out
}

/// Reads `builtin:NAME`, `-` (stdin) or a file path; the error names the input and the field.
fn load(arg: &str) -> Result<Scenario, String> {
    let text = match arg.strip_prefix("builtin:") {
        Some(name) => builtin(name)
            .map(|b| b.toml().to_string())
            .ok_or_else(|| format!("no built-in scenario \"{name}\" (see `vmkpath scenarios`)"))?,
        None => read_input(arg)?,
    };
    decode_scenario(&text).map_err(|e| format!("{arg}: {}", one_line(&e.to_string())))
}

/// A file's text, or standard input for `-`.
fn read_input(arg: &str) -> Result<String, String> {
    if arg == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(arg).map_err(|e| format!("cannot read {arg}: {e}"))
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
