//! The plan as the public JSON shape of scenario-format.md.

use crate::analysis::Analysis;
use crate::model::{Host, Scenario};
use crate::plan::{Endpoint, Finding, Flow, Outcome, Plan, Side, Traffic};
use crate::timing::{FlowTiming, Timeline};
use serde::Serialize;

/// The timing fields (README "Timing model") are estimates of a stated model. A blocked plan has
/// `duration_s` and `stun_ms` `null` (nothing moves); a cold migration has `stun_ms` `null` (the
/// VM is off); a flow by the storage path has `start_s`, `end_s` and `rate_bytes_per_s` `null`
/// (not timed: no figure for a datastore).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanFile {
    pub outcome: &'static str,
    /// The one-line answer to "which vmknic does my vMotion leave on, and why?" (`verdict`).
    pub verdict: String,
    /// Seconds from the start of the migration until it is done.
    pub duration_s: Option<f64>,
    /// Milliseconds the last dirty pages take at switch-over (the device state and the RARP are
    /// not modelled: domain.md 8.18).
    pub stun_ms: Option<f64>,
    pub flows: Vec<FlowFile>,
    pub findings: Vec<FindingFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowFile {
    pub traffic: &'static str,
    pub transport: &'static str,
    pub source: EndpointFile,
    pub destination: EndpointFile,
    pub bytes: u64,
    /// Simulated seconds from the start of the migration.
    pub start_s: Option<f64>,
    pub end_s: Option<f64>,
    /// Average bytes/s on the wire between start and end (memory counts pages sent again).
    pub rate_bytes_per_s: Option<f64>,
    pub encrypted: Option<bool>,
    pub rule: &'static str,
    pub why: String,
    pub sources: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndpointFile {
    pub host: String,
    pub vmk: Option<String>,
    pub uplink: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingFile {
    pub code: &'static str,
    pub severity: &'static str,
    pub host: Option<String>,
    pub message: String,
    pub fix: Option<String>,
    pub sources: Vec<&'static str>,
}

/// Seconds to the millisecond: the model is an estimate, and the JSON stays readable and stable.
fn seconds(s: f64) -> f64 {
    (s * 1000.0).round() / 1000.0
}

fn host_of(scenario: &Scenario, side: Side) -> &Host {
    match side {
        Side::Source => &scenario.source,
        Side::Destination => &scenario.destination,
    }
}

impl EndpointFile {
    fn new(scenario: &Scenario, e: &Endpoint) -> Self {
        let host = host_of(scenario, e.side);
        EndpointFile {
            host: host.name.clone(),
            vmk: e.vmk.map(|v| host.vmk(v).name.clone()),
            uplink: e.uplink.map(|u| host.uplink(u).name.clone()),
        }
    }
}

impl FlowFile {
    /// A flow without its timing (`start_s`, `end_s`, `rate_bytes_per_s` null).
    pub fn new(scenario: &Scenario, f: &Flow) -> Self {
        Self::timed(scenario, f, None)
    }

    /// A flow with its timing; an I/O mirror's bytes come from the timeline (scenario-format.md:
    /// write rate × duration of its hot-disk flow).
    pub fn timed(scenario: &Scenario, f: &Flow, t: Option<&FlowTiming>) -> Self {
        let bytes = match t {
            Some(t) if f.traffic == Traffic::IoMirror => t.bytes,
            _ => f.bytes,
        };
        FlowFile {
            traffic: f.traffic.as_str(),
            transport: f.transport.as_str(),
            source: EndpointFile::new(scenario, &f.source),
            destination: EndpointFile::new(scenario, &f.destination),
            bytes,
            start_s: t.map(|t| seconds(t.start_s)),
            end_s: t.map(|t| seconds(t.end_s)),
            rate_bytes_per_s: t.map(|t| t.rate_bytes_per_s().round()),
            encrypted: f.encrypted,
            rule: f.rule.id(),
            why: f.why.clone(),
            sources: f.rule.sources().to_vec(),
        }
    }
}

impl FindingFile {
    pub fn new(scenario: &Scenario, f: &Finding) -> Self {
        FindingFile {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            host: f.host.map(|side| host_of(scenario, side).name.clone()),
            message: f.message.clone(),
            fix: f.fix.clone(),
            sources: f.code.sources().to_vec(),
        }
    }
}

impl PlanFile {
    /// The analysis's plan with its timeline.
    pub fn new(scenario: &Scenario, analysis: &Analysis) -> Self {
        Self::with_timeline(scenario, &analysis.plan, &analysis.timeline)
    }

    /// A plan with a timeline computed for it.
    pub fn with_timeline(scenario: &Scenario, plan: &Plan, timeline: &Timeline) -> Self {
        PlanFile {
            outcome: match plan.outcome {
                Outcome::Ok => "ok",
                Outcome::Blocked => "blocked",
            },
            verdict: crate::verdict::verdict(scenario, plan).sentence(),
            duration_s: timeline.duration_s.map(seconds),
            stun_ms: timeline.stun_ms.map(|ms| (ms * 10.0).round() / 10.0),
            flows: crate::lists::from_fn(plan.flows.len(), |i| {
                let timing = timeline.flows.get(i).and_then(Option::as_ref);
                FlowFile::timed(scenario, &plan.flows[i], timing)
            }),
            findings: crate::lists::map(&plan.findings, |f| FindingFile::new(scenario, f)),
        }
    }
}

/// The plan JSON of scenario-format.md, pretty-printed.
pub fn plan_to_json(scenario: &Scenario, analysis: &Analysis) -> String {
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&PlanFile::new(scenario, analysis)).unwrap_or_default()
}
