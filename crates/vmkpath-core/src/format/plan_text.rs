//! The plan as readable text: what `vmkpath plan` prints by default.

use super::plan_file::{EndpointFile, FlowFile, PlanFile};
use crate::analysis::Analysis;
use crate::decimal::fixed;
use crate::lists::Joined;
use crate::model::Scenario;
use crate::timing::{human_duration, stun_words};
use std::fmt::Write;

/// Bytes/s as a network rate in bits, as link speeds are given.
fn human_rate(bytes_per_s: f64) -> String {
    let bits = bytes_per_s * 8.0;
    if bits >= 1e9 {
        format!("{} Gbit/s", fixed(bits / 1e9, 1))
    } else {
        format!("{} Mbit/s", fixed(bits / 1e6, 0))
    }
}

/// When a flow runs, for the text: "0 ms to 8.6 s (8.6 s), 500 Mbit/s on average".
fn when(f: &FlowFile) -> Option<String> {
    let (start, end) = (f.start_s?, f.end_s?);
    let rate = f.rate_bytes_per_s.unwrap_or(0.0);
    let average = if rate > 0.0 {
        format!(", {} on average", human_rate(rate))
    } else {
        String::new()
    };
    Some(format!(
        "{} to {} ({}){average}",
        human_duration(start),
        human_duration(end),
        human_duration(end - start)
    ))
}

/// Bytes as a short human size (binary units, as vSphere shows them).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{} {}", fixed(value, 1), UNITS[unit])
    }
}

fn endpoint(e: &EndpointFile) -> String {
    match (&e.vmk, &e.uplink) {
        (Some(vmk), Some(uplink)) => format!("{} {vmk} ({uplink})", e.host),
        (Some(vmk), None) => format!("{} {vmk}", e.host),
        _ => format!("{} datastore", e.host),
    }
}

pub fn plan_to_text(scenario: &Scenario, analysis: &Analysis) -> String {
    let file = PlanFile::new(scenario, analysis);
    let mut out = String::new();
    let title = if scenario.title.is_empty() {
        "Scenario"
    } else {
        &scenario.title
    };
    // Hosts of two versions (8.19): say both.
    let version = if scenario.mixed_versions() {
        format!(
            "{} {} to {} {}",
            scenario.source.name,
            scenario.source_version(),
            scenario.destination.name,
            scenario.destination_version()
        )
    } else {
        scenario.version.to_string()
    };
    let _ = writeln!(
        out,
        "{title} (vSphere {version}, {} migration of {} from {} to {})",
        scenario.migration.kind.as_str(),
        scenario.vm.name,
        scenario.source.name,
        scenario.destination.name
    );
    let _ = writeln!(out, "Outcome: {}", file.outcome);
    let _ = writeln!(out, "Answer: {}", file.verdict);
    if let Some(duration) = file.duration_s {
        let _ = writeln!(
            out,
            "Duration: {} (an estimate of vmkpath's timing model; storage-path copies not timed)",
            human_duration(duration)
        );
        // The unrounded figure, so that "under 1 ms" is decided on what the model found.
        if let Some(ms) = analysis.timeline.stun_ms {
            let words = stun_words(ms);
            let _ = writeln!(out, "S{}.", words.strip_prefix('s').unwrap_or(&words));
        }
    }
    if !file.flows.is_empty() {
        let _ = writeln!(out, "\nFlows:");
    }
    for f in &file.flows {
        let encrypted = match (f.encrypted, f.transport) {
            (Some(true), _) => "encrypted",
            (Some(false), _) => "unencrypted",
            (None, "storage") => "no network involved",
            (None, _) => "encryption depends on configuration",
        };
        let _ = writeln!(
            out,
            "- {} over {}: {} -> {}, {}, {encrypted}",
            f.traffic,
            f.transport,
            endpoint(&f.source),
            endpoint(&f.destination),
            human_bytes(f.bytes)
        );
        if let Some(when) = when(f) {
            let _ = writeln!(out, "  time: {when}");
        }
        let _ = writeln!(out, "  {}", f.why);
        let _ = writeln!(out, "  rule {} [{}]", f.rule, f.sources.joined("] ["));
    }
    if !file.findings.is_empty() {
        let _ = writeln!(out, "\nFindings:");
    }
    for f in &file.findings {
        let host = f
            .host
            .as_deref()
            .map(|h| format!(" on {h}"))
            .unwrap_or_default();
        let _ = writeln!(out, "- {} {}{host}: {}", f.severity, f.code, f.message);
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "  Fix: {fix}");
        }
    }
    out
}
