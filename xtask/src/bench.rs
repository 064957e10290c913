//! Planning-time benchmark: every built-in scenario and the full cross product of the widget's
//! toggles. Prints figures (median, p95, max) rather than asserting on time, since a shared
//! machine is noisy. Two measures: `plan` alone (routing and findings; it never runs the timing
//! model) and `analyze` (plan, timeline, narration, traces and the what-ifs, each fix planned and
//! timed: everything the widget computes once per change); the targets are a median under 5 µs
//! per plan and under 20 µs for plan plus timing (the what-ifs re-time each fix on top, so a
//! scenario with fixes costs a few such runs).

use crate::Result;
use std::hint::black_box;
use std::time::Instant;
use vmkpath_core::scenarios::builtins;
use vmkpath_core::toggles::cross_product;
use vmkpath_core::{analyze, decode_scenario, plan, Scenario};

/// Re-run ourselves with optimisations: timing a debug build says nothing.
pub fn run(args: &[String]) -> Result {
    if cfg!(debug_assertions) && !args.iter().any(|a| a == "--in-process") {
        return crate::run(
            "cargo",
            &[
                "run",
                "--quiet",
                "--profile",
                "bench-native",
                "--package",
                "xtask",
                "--",
                "bench",
                "--in-process",
            ],
        );
    }
    let builtin: Vec<(String, Scenario)> = builtins()
        .map(|b| decode_scenario(b.toml()).map(|s| (b.name.to_string(), s)))
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| format!("a built-in scenario is invalid: {e}"))?;
    println!("time per scenario, median of 201 runs each: plan | analyze (duration)");
    let mut builtin_times = Vec::new();
    let mut builtin_timed = Vec::new();
    for (name, scenario) in &builtin {
        let t = time_plan(scenario, 201);
        let timed = time_analyze(scenario, 201);
        let duration = analyze(scenario)
            .timeline
            .duration_s
            .map(vmkpath_core::timing::human_duration)
            .unwrap_or_else(|| "blocked".to_string());
        println!(
            "  {name:<34} {:>7.2} µs | {:>7.2} µs  ({duration})",
            t * 1e6,
            timed * 1e6
        );
        builtin_times.push(t);
        builtin_timed.push(timed);
    }
    summary("built-in scenarios, plan", &mut builtin_times);
    summary("built-in scenarios, analyze", &mut builtin_timed);

    let started = Instant::now();
    let scenarios: Vec<Scenario> = cross_product()
        .iter()
        .map(|t| t.scenario())
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| format!("a toggle combination is invalid: {e}"))?;
    let build = started.elapsed().as_secs_f64() / scenarios.len() as f64;
    let mut times: Vec<f64> = scenarios.iter().map(|s| time_plan(s, 21)).collect();
    summary(
        &format!("toggle cross product ({} scenarios), plan", scenarios.len()),
        &mut times,
    );
    let mut timed: Vec<f64> = scenarios.iter().map(|s| time_analyze(s, 21)).collect();
    summary(
        &format!(
            "toggle cross product ({} scenarios), analyze",
            scenarios.len()
        ),
        &mut timed,
    );
    println!(
        "  building + validating a scenario from toggles: {:.2} µs",
        build * 1e6
    );
    let median = percentile(&times, 0.5);
    println!(
        "target: median plan under 5 µs -> {:.2} µs ({:.0}% of budget)",
        median * 1e6,
        median / 5e-6 * 100.0
    );
    let (median, p95) = (percentile(&timed, 0.5), percentile(&timed, 0.95));
    println!(
        "target: analyze (plan + timeline + what-ifs) -> median {:.2} µs ({:.2}x the 20 µs of one plan + timeline), p95 {:.2} µs ({:.2}x)",
        median * 1e6,
        median / 20e-6,
        p95 * 1e6,
        p95 / 20e-6
    );
    Ok(())
}

/// Median seconds per `analyze` call over `runs` timed calls.
fn time_analyze(scenario: &Scenario, runs: usize) -> f64 {
    let samples: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(analyze(black_box(scenario)));
            start.elapsed().as_secs_f64()
        })
        .collect();
    percentile(&samples, 0.5)
}

/// Median seconds per `plan` call over `runs` timed calls.
fn time_plan(scenario: &Scenario, runs: usize) -> f64 {
    let samples: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(plan(black_box(scenario)));
            start.elapsed().as_secs_f64()
        })
        .collect();
    percentile(&samples, 0.5)
}

fn percentile(samples: &[f64], p: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(label: &str, times: &mut [f64]) {
    println!(
        "{label}: median {:.2} µs, p95 {:.2} µs, max {:.2} µs",
        percentile(times, 0.5) * 1e6,
        percentile(times, 0.95) * 1e6,
        percentile(times, 1.0) * 1e6
    );
}
